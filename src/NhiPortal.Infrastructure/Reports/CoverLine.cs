namespace NhiPortal.Infrastructure.Reports;

internal sealed record CoverLine(string Label, string Value);
