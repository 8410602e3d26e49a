using NhiPortal.Core.Import;

namespace NhiPortal.Core.Common;

/// <summary>
/// A recorded reason (an incident id, a justification, a note) must say something, fit where it is kept, and never
/// carry a secret: the audit log keeps it forever. One rule for every change the audit log explains.
/// </summary>
public static class Reasons
{
    public const int Minimum = 5;

    /// <summary>The longest reason kept anywhere (revocation runs, review justifications, notes).</summary>
    public const int Maximum = 1000;

    public static bool IsGiven(string? text) => text is not null && text.Trim().Length >= Minimum;

    /// <summary>What is wrong with a reason, or null when it can be recorded. <paramref name="ask"/> says what to give.</summary>
    public static string? Problem(string? text, string ask = "Give a reason", int maximum = Maximum)
    {
        if (!IsGiven(text))
        {
            return $"{ask} (at least {Minimum} characters).";
        }
        if (text!.Trim().Length > maximum)
        {
            return $"{ask}: at most {maximum:N0} characters.";
        }
        return SecretDetector.FindSecret(text) is { } kind
            ? $"That text looks like it contains a secret ({kind}). Never paste a secret: give the incident id, or the credential's fingerprint."
            : null;
    }

    /// <summary>Throws a <see cref="ValidationException"/> unless the reason can be recorded; returns it trimmed.</summary>
    public static string Require(string? text, string ask = "Give a reason", int maximum = Maximum) =>
        Problem(text, ask, maximum) is { } problem ? throw new ValidationException(problem) : text!.Trim();

    /// <summary>Shortens text to fit a column, marking the cut, so a long reason never makes an insert fail.</summary>
    public static string Fit(string text, int maximum) => text.Length <= maximum ? text : text[..(maximum - 1)] + "…";
}
