using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NhiPortal.Infrastructure.Feed;

namespace NhiPortal.Infrastructure.Tests.Feed;

/// <summary>A pinned issuer is trusted only when it really signed the receiver's certificate, never by its name.</summary>
public sealed class FeedCertificateCheckTests : IDisposable
{
    private readonly X509Certificate2 _realCa = Ca("CN=Corp SIEM CA");
    // An attacker's CA with the very same name.
    private readonly X509Certificate2 _forgedCa = Ca("CN=Corp SIEM CA");

    [Fact]
    public void ALeafSignedByThePinnedIssuer_IsTrusted()
    {
        using var leaf = Leaf(_realCa);

        Assert.True(Validate(leaf, sent: [_realCa], pin: _realCa));
    }

    [Fact]
    public void ALeafSignedByAnIssuerOfTheSameName_IsRefused_EvenWhenTheRealIssuerIsSentAlong()
    {
        using var leaf = Leaf(_forgedCa);
        var check = new FeedCertificateCheck(null, Thumbprint(_realCa));

        var trusted = check.Validate(this, leaf, Presented([_realCa]), SslPolicyErrors.RemoteCertificateChainErrors);

        Assert.False(trusted);
        Assert.Contains("not signed by the pinned certificate", check.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void APinnedIssuerTheReceiverDoesNotSend_IsRefused()
    {
        using var leaf = Leaf(_forgedCa);

        Assert.False(Validate(leaf, sent: [_forgedCa], pin: _realCa));
    }

    private static bool Validate(X509Certificate2 leaf, X509Certificate2[] sent, X509Certificate2 pin) =>
        new FeedCertificateCheck(null, Thumbprint(pin)).Validate(new object(), leaf, Presented(sent), SslPolicyErrors.RemoteCertificateChainErrors);

    private static X509Chain Presented(X509Certificate2[] sent)
    {
        var chain = new X509Chain();
        chain.ChainPolicy.ExtraStore.AddRange(sent);
        return chain;
    }

    private static string Thumbprint(X509Certificate2 c) => c.GetCertHashString(HashAlgorithmName.SHA256);

    private static X509Certificate2 Ca(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    private static X509Certificate2 Leaf(X509Certificate2 issuer)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=siem.example.org", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        using var cert = request.Create(issuer, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(7), RandomNumberGenerator.GetBytes(8));
        return cert.CopyWithPrivateKey(key);
    }

    public void Dispose()
    {
        _realCa.Dispose();
        _forgedCa.Dispose();
    }
}
