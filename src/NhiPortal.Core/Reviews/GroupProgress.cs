namespace NhiPortal.Core.Reviews;

public sealed record GroupProgress(string Name, int Items, int Decided, int Pending, int Escalated);
