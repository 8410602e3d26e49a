using System.Net;
using System.Web;

namespace NhiPortal.Infrastructure.Tests.Revocation;

/// <summary>Records every request and answers like Keycloak's token endpoint and Admin REST API (the documented subset the connector uses).</summary>
internal sealed class RecordingHandler : HttpMessageHandler
{
    public List<Uri> Requests { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (Requests)
        {
            Requests.Add(request.RequestUri!);
        }
        var path = request.RequestUri!.AbsolutePath;
        var body = path.EndsWith("/protocol/openid-connect/token", StringComparison.Ordinal) ? """{"access_token":"recorded-token","expires_in":300,"token_type":"Bearer"}"""
            : path.EndsWith("/client-secret", StringComparison.Ordinal) ? """{"type":"secret","value":"recorded-new-secret"}"""
            : path.EndsWith("/clients", StringComparison.Ordinal)
                ? $$"""[{"id":"uuid-1","clientId":"{{HttpUtility.ParseQueryString(request.RequestUri.Query)["clientId"]}}","enabled":true,"notBefore":0}]"""
            : null;
        return Task.FromResult(body is null
            ? new HttpResponseMessage(HttpStatusCode.NoContent)
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") });
    }
}
