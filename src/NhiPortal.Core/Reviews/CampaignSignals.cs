namespace NhiPortal.Core.Reviews;

/// <summary>A campaign's rubber-stamp signals from its items' decisions: one input selection for every screen and report.</summary>
public static class CampaignSignals
{
    /// <summary>Over the decided items, within the campaign's window; none before the campaign starts.</summary>
    public static RubberStampSignals RubberStamp(DateTime? startedUtc, DateTime? deadlineUtc,
        IEnumerable<(string? DecidedBy, DateTime? DecidedUtc, ReviewDecision? Decision)> items) =>
        startedUtc is { } start && deadlineUtc is { } deadline
            ? RubberStampSignals.From(items.Where(i => i.DecidedUtc != null).Select(i => (i.DecidedBy!, i.DecidedUtc!.Value, i.Decision!.Value)), start, deadline)
            : new RubberStampSignals(null, 0, 0, 0);
}
