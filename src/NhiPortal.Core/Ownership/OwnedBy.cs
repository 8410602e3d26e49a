using System.Linq.Expressions;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;

namespace NhiPortal.Core.Ownership;

/// <summary>"Owned by this person": the one definition of a Reviewer's slice of the inventory, for every query that cuts to it.</summary>
public static class OwnedBy
{
    public static Expression<Func<NonHumanIdentity, bool>> Identity(string subject) => i => i.Owner!.Subject == subject;

    public static Expression<Func<Credential, bool>> Credential(string subject) => c => c.Identity!.Owner!.Subject == subject;
}
