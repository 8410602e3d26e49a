namespace NhiPortal.Infrastructure.Reviews;

/// <summary>How many rows one transaction of a campaign's start or close handles (tests use small batches to cross several).</summary>
public sealed record ReviewBatchOptions(int ItemsPerBatch = 2_000);
