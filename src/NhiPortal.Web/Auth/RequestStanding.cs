namespace NhiPortal.Web.Auth;

/// <summary>
/// The staff directory's answer for the person behind one HTTP request, given once when the session cookie was
/// validated. A prerendered page calls several services, each asking for the current user; if the cached answer
/// expired between the cookie check and one of them, the request was admitted and then refused halfway (a 500
/// instead of the redirect to sign in). Within a request the admission holds; a Blazor circuit has its own scope,
/// where this is empty and every call asks the directory (through its cache) again.
/// </summary>
public sealed class RequestStanding
{
    private string? _admitted;

    /// <summary>Records that the cookie check found <paramref name="subject"/> still in the directory.</summary>
    public void Admit(string subject) => _admitted = subject;

    public bool IsAdmitted(string subject) => _admitted is not null && string.Equals(_admitted, subject, StringComparison.Ordinal);
}
