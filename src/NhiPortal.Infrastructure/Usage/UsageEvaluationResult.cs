namespace NhiPortal.Infrastructure.Usage;

public sealed record UsageEvaluationResult(int Buckets, int Credentials, int Flags, TimeSpan Elapsed);
