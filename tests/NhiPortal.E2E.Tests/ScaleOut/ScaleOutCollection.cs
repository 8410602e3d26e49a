namespace NhiPortal.E2E.Tests.ScaleOut;

/// <summary>The scale-out tests run on their own, after the parallel collections (see <see cref="ScaleOutTests"/>).</summary>
[CollectionDefinition(ScaleOutTests.Name, DisableParallelization = true)]
public sealed class ScaleOutCollection;
