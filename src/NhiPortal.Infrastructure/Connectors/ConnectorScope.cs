using Microsoft.Extensions.Configuration;

namespace NhiPortal.Infrastructure.Connectors;

/// <summary>
/// What a connector may manage, from its configuration: exact names and/or a name prefix. A credential's store
/// reference is free text an importer set, so without this an operator could aim a rotation at any account the
/// connector's login can reach and receive its new secret. Matching is ordinal (PostgreSQL role names and OAuth
/// client ids are case-sensitive). An empty scope manages nothing: a connector without an allow-list fails closed.
/// </summary>
public sealed class ConnectorScope
{
    public static readonly ConnectorScope Nothing = new(null, []);

    public ConnectorScope(string? prefix, IEnumerable<string> names)
    {
        Prefix = string.IsNullOrWhiteSpace(prefix) ? null : prefix;
        Names = names.Where(n => !string.IsNullOrWhiteSpace(n)).ToHashSet(StringComparer.Ordinal);
    }

    public string? Prefix { get; }

    public IReadOnlySet<string> Names { get; }

    public bool IsEmpty => Prefix is null && Names.Count == 0;

    // The prefix alone is not a name it manages: "svc_" would otherwise match a role called exactly "svc_".
    public bool Allows(string reference) =>
        Names.Contains(reference) || (Prefix is not null && reference.Length > Prefix.Length && reference.StartsWith(Prefix, StringComparison.Ordinal));

    /// <summary>The one wording every refusal starts with, so a run's failed steps and the audit log say why alike.</summary>
    public static string Refusal(string connector, string reason) => $"refused: outside what connector \"{connector}\" may manage: {reason}";

    /// <summary>
    /// Reads <paramref name="listKey"/> (a JSON array, <c>Key:0</c>, <c>Key:1</c>… in the environment, or one
    /// comma-separated value) and, when given, <paramref name="prefixKey"/>.
    /// </summary>
    public static ConnectorScope FromConfiguration(IConfigurationSection section, string? prefixKey, string listKey)
    {
        var list = section.GetSection(listKey);
        var names = list.GetChildren().Select(c => c.Value ?? "")
            .Concat(list.Value?.Split(',') ?? [])
            .Select(n => n.Trim());
        return new ConnectorScope(prefixKey is null ? null : section[prefixKey]?.Trim(), names);
    }
}
