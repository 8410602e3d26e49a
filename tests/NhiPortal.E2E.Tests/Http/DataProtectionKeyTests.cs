using Microsoft.Data.Sqlite;

namespace NhiPortal.E2E.Tests.Http;

/// <summary>
/// The data-protection keys sign and encrypt session cookies: a copy of the database must not be enough to forge one,
/// so outside Development they are stored encrypted with a configured certificate, and the portal refuses to start
/// without one.
/// </summary>
public class DataProtectionKeyTests
{
    // One audit key for the class: a restarted portal must find the chain it sealed before.
    private static readonly string ChainKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>The least Production needs besides the certificate: an IdP (only contacted at the first sign-in).</summary>
    private static Dictionary<string, string> Production(PortalProcess portal)
    {
        var environment = portal.Environment("Production");
        environment["Authentication__Oidc__Authority"] = "https://idp.nhiportal-test.invalid/";
        environment["Authentication__Oidc__ClientId"] = "nhiportal";
        environment["Audit__ChainKey"] = ChainKey;
        return environment;
    }

    [Fact]
    public async Task Start_InProductionWithoutAKeyCertificate_RefusesWithAClearMessage()
    {
        await using var portal = new PortalProcess();

        var exitCode = await portal.StartExpectingExitAsync(Production(portal));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("DataProtection:CertificatePath", portal.Output, StringComparison.Ordinal);
        Assert.Contains("unencrypted", portal.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_InProductionWithACertificate_StoresTheKeysEncrypted()
    {
        await using var portal = new PortalProcess();
        var environment = Production(portal);
        environment["DataProtection__CertificatePath"] = TestCertificate.WritePfx(portal.DataDirectory);
        environment["DataProtection__CertificatePassword"] = TestCertificate.Password;
        // Production migrates as its own step, as the README's upgrade does.
        Assert.Equal(0, await portal.RunAsync(environment, "migrate"));
        portal.Stop();

        await portal.StartAsync(environment);

        var keys = await KeyXmlAsync(portal);
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });
        Assert.DoesNotContain(TestCertificate.Password, portal.Output, StringComparison.Ordinal);

        // The next start reads the encrypted key back with the same certificate instead of making a new one.
        portal.Stop();
        await portal.StartAsync(environment);
        await Task.Delay(1000);
        Assert.Equal(keys, await KeyXmlAsync(portal));
        Assert.DoesNotContain("exception occurred while processing the key element", portal.Output, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<List<string>> KeyXmlAsync(PortalProcess portal)
    {
        // The key ring is created as the host starts; give the start-up a moment to write it.
        for (var attempt = 0; ; attempt++)
        {
            await using var connection = new SqliteConnection($"Data Source={portal.DatabasePath}");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT Xml FROM DataProtectionKeys";
            var keys = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    keys.Add(reader.GetString(0));
                }
            }
            if (keys.Count > 0 || attempt == 20)
            {
                return keys;
            }
            await Task.Delay(250);
        }
    }
}
