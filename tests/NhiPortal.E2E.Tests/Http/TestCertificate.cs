using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NhiPortal.E2E.Tests.Http;

/// <summary>A throwaway self-signed certificate with its private key, written as a password-protected .pfx.</summary>
public static class TestCertificate
{
    public const string Password = "test-pfx-password";

    public static string WritePfx(string directory)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=NhiPortal data-protection test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var path = Path.Combine(directory, "dataprotection.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return path;
    }
}
