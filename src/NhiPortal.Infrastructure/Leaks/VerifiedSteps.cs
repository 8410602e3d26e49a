using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Leaks;
using NhiPortal.Core.Revocation;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Leaks;

/// <summary>The verified steps on the credentials some leak reports matched, for <see cref="LeakVerification"/>.</summary>
internal static class VerifiedSteps
{
    public static async Task<List<VerifiedStep>> ForAsync(NhiPortalDbContext db, IEnumerable<Guid?> credentialIds, CancellationToken ct)
    {
        var ids = credentialIds.OfType<Guid>().Distinct().ToList();
        var steps = new List<VerifiedStep>();
        foreach (var chunk in ids.Chunk(2_000))
        {
            steps.AddRange(await db.RevocationSteps.AsNoTracking()
                .Where(s => chunk.Contains(s.CredentialId) && s.Status == RevocationStepStatus.Verified && s.VerifiedUtc != null)
                .Select(s => new VerifiedStep(s.RunId, s.CredentialId, s.VerifiedUtc!.Value)).ToListAsync(ct));
        }
        return steps;
    }
}
