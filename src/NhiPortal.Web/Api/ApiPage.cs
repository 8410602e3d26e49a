namespace NhiPortal.Web.Api;

/// <summary>One page of a list; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record ApiPage<T>(IReadOnlyList<T> Items, string? NextCursor);
