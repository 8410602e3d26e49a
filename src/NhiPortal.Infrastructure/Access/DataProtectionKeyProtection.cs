using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace NhiPortal.Infrastructure.Access;

/// <summary>
/// The data-protection keys (they sign and encrypt session cookies) live in the database: they are stored encrypted
/// with the configured certificate, so a copy of the database is not enough to forge an Administrator's cookie.
/// </summary>
public static class DataProtectionKeyProtection
{
    public const string Section = "DataProtection";

    public static IDataProtectionBuilder ProtectKeysWithConfiguredCertificate(
        this IDataProtectionBuilder builder, IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection(Section);
        if (Load(section) is { } certificate)
        {
            return builder.ProtectKeysWithCertificate(certificate);
        }
        if (!environment.IsDevelopment())
        {
            // Fail closed: without a certificate the keys would be written in clear beside the data.
            throw new InvalidOperationException(
                $"Set {Section}:CertificatePath (with {Section}:CertificatePassword) or {Section}:CertificateThumbprint outside Development: " +
                "without a certificate the data-protection keys that protect session cookies would be stored unencrypted in the database, " +
                "and a copy of it could forge any session.");
        }
        // The options are built once per process, so this warns once.
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(services => new ConfigureOptions<KeyManagementOptions>(_ =>
            services.GetRequiredService<ILoggerFactory>().CreateLogger("NhiPortal.DataProtection").LogWarning(
                "Data-protection keys are stored unencrypted because no {Section}:CertificatePath or {Section}:CertificateThumbprint is configured (allowed in Development only)",
                Section, Section)));
        return builder;
    }

    private static X509Certificate2? Load(IConfigurationSection section)
    {
        var path = NullIfBlank(section["CertificatePath"]);
        var thumbprint = NullIfBlank(section["CertificateThumbprint"]);
        if (path is not null && thumbprint is not null)
        {
            throw new InvalidOperationException($"Set either {Section}:CertificatePath or {Section}:CertificateThumbprint, not both.");
        }
        var certificate = path is not null ? FromFile(path, section["CertificatePassword"]) : thumbprint is not null ? FromStore(thumbprint) : null;
        if (certificate is { HasPrivateKey: false })
        {
            throw new InvalidOperationException($"The {Section} certificate {certificate.Thumbprint} has no private key: the portal could not read its own keys back.");
        }
        return certificate;
    }

    private static X509Certificate2 FromFile(string path, string? password)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{Section}:CertificatePath names no file: {path}");
        }
        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (CryptographicException e)
        {
            // The password itself never goes into the message.
            throw new InvalidOperationException($"{Section}:CertificatePath {path} could not be read as a PKCS#12 file with {Section}:CertificatePassword: {e.Message}", e);
        }
    }

    private static X509Certificate2 FromStore(string thumbprint)
    {
        foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
        {
            using var store = new X509Store(StoreName.My, location);
            store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
            var found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false);
            if (found.Count > 0)
            {
                return found[0];
            }
        }
        throw new InvalidOperationException($"{Section}:CertificateThumbprint {thumbprint} is in neither the CurrentUser nor the LocalMachine 'My' store.");
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
