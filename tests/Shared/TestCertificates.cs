using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NhiPortal.Tests.Shared;

/// <summary>A throwaway CA and a server certificate it issued for 127.0.0.1 and localhost, made with .NET's CertificateRequest, as PEM files in a directory.</summary>
public sealed class TestCertificates : IDisposable
{
    private TestCertificates(X509Certificate2 ca, X509Certificate2 server, string directory)
    {
        Ca = ca;
        Server = server;
        CaFile = Path.Combine(directory, "ca.pem");
        CertFile = Path.Combine(directory, "server.pem");
        KeyFile = Path.Combine(directory, "server.key");
        File.WriteAllText(CaFile, ca.ExportCertificatePem());
        File.WriteAllText(CertFile, server.ExportCertificatePem());
        using var key = server.GetRSAPrivateKey()!;
        File.WriteAllText(KeyFile, key.ExportPkcs8PrivateKeyPem());
    }

    public X509Certificate2 Ca { get; }

    /// <summary>The server certificate with its private key.</summary>
    public X509Certificate2 Server { get; }

    public string CaFile { get; }

    public string CertFile { get; }

    public string KeyFile { get; }

    /// <summary>SHA-256 of the server certificate, hex, as a destination pins it.</summary>
    public string ServerThumbprint => Server.GetCertHashString(HashAlgorithmName.SHA256);

    public static TestCertificates Create(string directory, string caName = "NhiPortal test CA")
    {
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest($"CN={caName}", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));

        using var serverKey = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        using var issued = request.Create(ca, now.AddDays(-1), now.AddDays(30), RandomNumberGenerator.GetBytes(12));
        var server = issued.CopyWithPrivateKey(serverKey);
        // Kestrel on Linux wants an exportable key it can load; a PFX round trip gives one.
        var usable = X509CertificateLoader.LoadPkcs12(server.Export(X509ContentType.Pfx), null, X509KeyStorageFlags.Exportable);
        server.Dispose();
        return new TestCertificates(ca, usable, directory);
    }

    public void Dispose()
    {
        Ca.Dispose();
        Server.Dispose();
    }
}
