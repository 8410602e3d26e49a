using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NhiPortal.Infrastructure.Feed;

/// <summary>
/// Decides whether a receiver's TLS certificate is trusted: issued by the configured CA (<c>CaFile</c>, instead of the
/// machine's store), carrying the pinned SHA-256 thumbprint (on itself or an issuer), or else trusted by the machine.
/// The host name must match in every case. Keeps why it refused, so the last error says so (fails closed).
/// </summary>
internal sealed class FeedCertificateCheck(string? caFile, string? pinnedThumbprint)
{
    public string? Refusal { get; private set; }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        Refusal = Check(certificate, chain, errors);
        return Refusal is null;
    }

    private string? Check(X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return "the receiver sent no certificate";
        }
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return "the receiver's certificate is not for this host name";
        }
        using var leaf = new X509Certificate2(certificate);
        if (caFile is not null)
        {
            var roots = new X509Certificate2Collection();
            try
            {
                roots.ImportFromPemFile(caFile);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
            {
                return $"the CA file {caFile} cannot be read ({ex.GetType().Name})";
            }
            using var custom = new X509Chain();
            custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            custom.ChainPolicy.CustomTrustStore.AddRange(roots);
            // A closed network has no revocation endpoint to ask; the pinned CA is the trust decision.
            custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            if (!custom.Build(leaf))
            {
                return $"the receiver's certificate was not issued by the CA in {caFile} ({string.Join(", ", custom.ChainStatus.Select(s => s.Status))})";
            }
            if (pinnedThumbprint is not null && !custom.ChainElements.Any(e => Thumbprint(e.Certificate) == pinnedThumbprint))
            {
                return "no certificate in the receiver's chain has the pinned thumbprint";
            }
            return null;
        }
        if (pinnedThumbprint is not null)
        {
            if (Thumbprint(leaf) == pinnedThumbprint)
            {
                return null;
            }
            // A pinned issuer counts only if it really signed the chain: it becomes the one root, the chain is built from
            // what the receiver sent (no downloads), and the build must succeed. A name alone never matches.
            var sent = new X509Certificate2Collection();
            if (presented is not null)
            {
                foreach (var element in presented.ChainElements)
                {
                    sent.Add(element.Certificate);
                }
                sent.AddRange(presented.ChainPolicy.ExtraStore);
            }
            var pinned = sent.FirstOrDefault(c => Thumbprint(c) == pinnedThumbprint);
            if (pinned is null)
            {
                return "the receiver's certificate does not have the pinned thumbprint, and it sent no issuer that has";
            }
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(pinned);
            chain.ChainPolicy.ExtraStore.AddRange(sent);
            chain.ChainPolicy.DisableCertificateDownloads = true;
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(leaf)
                ? null : $"the receiver's certificate is not signed by the pinned certificate ({string.Join(", ", chain.ChainStatus.Select(s => s.Status))})";
        }
        return errors == SslPolicyErrors.None ? null : $"the receiver's certificate is not trusted by this machine ({errors})";
    }

    private static string Thumbprint(X509Certificate2 certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);
}
