namespace NhiPortal.E2E.Tests.Http;

/// <summary>
/// An HTTP client that keeps cookies like a browser on a loopback origin: it also sends the Secure, SameSite=None
/// correlation cookies over http (HttpClient's own cookie container would not), and never follows redirects.
/// </summary>
internal sealed class CookieSession(string baseUrl, HttpClientHandler? handler = null) : IDisposable
{
    private readonly HttpClient _http = new(Configure(handler ?? new HttpClientHandler()))
    {
        BaseAddress = new Uri(baseUrl),
        Timeout = TimeSpan.FromSeconds(60),
    };
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> CookieNames => _cookies.Keys;

    /// <summary>The Set-Cookie headers of every response so far, as sent.</summary>
    public List<string> SetCookies { get; } = [];

    private static HttpClientHandler Configure(HttpClientHandler handler)
    {
        handler.AllowAutoRedirect = false;
        handler.UseCookies = false;
        return handler;
    }

    public Task<HttpResponseMessage> GetAsync(string url) => SendAsync(HttpMethod.Get, url, form: null);

    /// <summary>A GET with extra request headers (e.g. the X-Forwarded-Proto a proxy in front would add).</summary>
    public Task<HttpResponseMessage> GetAsync(string url, IReadOnlyDictionary<string, string> headers) => SendAsync(HttpMethod.Get, url, form: null, headers);

    public Task<HttpResponseMessage> PostAsync(string url, IEnumerable<KeyValuePair<string, string>> form) => SendAsync(HttpMethod.Post, url, form);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, IEnumerable<KeyValuePair<string, string>>? form,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, url);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.Add(name, value);
        }
        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        }
        var response = await _http.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var setCookie in setCookies)
            {
                SetCookies.Add(setCookie);
                Store(setCookie);
            }
        }
        return response;
    }

    private void Store(string setCookie)
    {
        var pair = setCookie.Split(';')[0];
        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        var name = pair[..equals].Trim();
        var value = pair[(equals + 1)..].Trim();
        if (value.Length == 0 || setCookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
        {
            _cookies.Remove(name);
        }
        else
        {
            _cookies[name] = value;
        }
    }

    public void Dispose() => _http.Dispose();
}
