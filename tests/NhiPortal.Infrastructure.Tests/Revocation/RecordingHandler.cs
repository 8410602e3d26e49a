using System.Net;

namespace NhiPortal.Infrastructure.Tests.Revocation;

/// <summary>Records every request and answers like the development provider's management API.</summary>
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
        var body = path.EndsWith("/secret", StringComparison.Ordinal) ? """{"secret":"recorded-new-secret"}"""
            : path.EndsWith("/revoke-tokens", StringComparison.Ordinal) ? """{"revoked":0}"""
            : """{"activeTokens":0,"secretFingerprint":"none"}""";
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") });
    }
}
