namespace NhiPortal.Core.Common;

/// <summary>Where a keyset page in (name, id) order continues: the last row's name and id.</summary>
public sealed record NameCursor(string Name, Guid Id);
