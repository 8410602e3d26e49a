using System.DirectoryServices.Protocols;
using NhiPortal.Core.Discovery.Ldap;

namespace NhiPortal.Infrastructure.Ldap;

/// <summary>
/// A subtree search read page by page (the Simple Paged Results control, RFC 2696), so neither side holds the whole
/// result and a server's size limit does not cut it short. Each page is one request with the endpoint's timeout.
/// </summary>
internal static class LdapPagedSearch
{
    /// <summary>
    /// Hands every entry to <paramref name="onEntry"/>. Returns null when every page was read, otherwise why not (the
    /// base DN does not exist, a size or time limit stopped the server); a failure of the connection throws.
    /// </summary>
    public static string? Run(LdapEndpoint endpoint, LdapConnection connection, string baseDn, string filter, IReadOnlyList<string> attributes, int pageSize,
        Action<LdapEntry> onEntry, CancellationToken ct)
    {
        var request = new SearchRequest(baseDn, filter, SearchScope.Subtree, [.. attributes]);
        var paging = new PageResultRequestControl(Math.Max(1, pageSize)) { IsCritical = false };
        request.Controls.Add(paging);
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var response = (SearchResponse)endpoint.Send(connection, request, $"search of {baseDn}",
                ResultCode.NoSuchObject, ResultCode.SizeLimitExceeded, ResultCode.TimeLimitExceeded, ResultCode.AdminLimitExceeded);
            foreach (SearchResultEntry entry in response.Entries)
            {
                onEntry(ToEntry(entry));
            }
            switch (response.ResultCode)
            {
                case ResultCode.Success:
                    break;
                case ResultCode.NoSuchObject:
                    return $"base DN {baseDn} does not exist on the server";
                default:
                    return $"the server stopped the search of {baseDn} early ({response.ResultCode}): the read is partial";
            }
            var cookie = response.Controls.OfType<PageResultResponseControl>().FirstOrDefault()?.Cookie;
            if (cookie is not { Length: > 0 })
            {
                return null;
            }
            paging.Cookie = cookie;
        }
    }

    private static LdapEntry ToEntry(SearchResultEntry entry)
    {
        var attributes = new List<KeyValuePair<string, IReadOnlyList<string>>>();
        foreach (string name in entry.Attributes.AttributeNames)
        {
            var values = entry.Attributes[name].GetValues(typeof(string)).Cast<string>().ToList();
            attributes.Add(new(name, values));
        }
        return new LdapEntry(entry.DistinguishedName, attributes);
    }
}
