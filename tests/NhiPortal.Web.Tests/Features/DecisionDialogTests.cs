using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using NhiPortal.Core.Access;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Reviews;
using NhiPortal.Web.Features.Reviews;

namespace NhiPortal.Web.Tests.Features;

public class DecisionDialogTests : NhiBunitContext
{
    private readonly RecordingReviews _reviews = new();

    public DecisionDialogTests()
    {
        Services.AddSingleton<IInventoryQueries>(new FakeInventory());
        Services.AddSingleton<IReviewDecisions>(_reviews);
        Services.AddSingleton(TimeProvider.System);
        SignInAs("Riley", PortalRole.Reviewer);
    }

    /// <summary>Records decisions; answers the way the real service does for a stale version or a missing justification.</summary>
    private sealed class RecordingReviews : IReviewDecisions
    {
        public List<DecisionRequest> Decisions { get; } = [];
        public int CurrentVersion { get; set; } = 3;

        public Task<int> DecideManyAsync(IReadOnlyList<DecisionRequest> requests, CancellationToken ct = default)
        {
            foreach (var r in requests)
            {
                if (r.Version != CurrentVersion)
                {
                    throw new ReviewConflictException("svc-billing was already decided by demo-operator at 10:01:02 UTC (Keep). Nothing was overwritten.");
                }
                if (ReviewRules.ValidateDecision(r.Decision, r.Justification, false, r.NewOwnerId) is { } problem)
                {
                    throw new NhiPortal.Core.Common.ValidationException(problem);
                }
            }
            Decisions.AddRange(requests);
            return Task.FromResult(requests.Count);
        }

        public Task DecideAsync(DecisionRequest request, CancellationToken ct = default) => DecideManyAsync([request], ct);
        public Task DelegateAsync(long itemId, int version, Guid toStaffId, string reason, CancellationToken ct = default) => throw new NotSupportedException();
    }

    private static ReviewItemView Item(int version) => new(41, Guid.NewGuid(), "Quarterly", Guid.NewGuid(), "svc-billing", "Riley Reviewer", "Payments",
        "Riley Reviewer", "owner", ReviewItemStatus.Pending, null, null, null, null, 62, DateTime.UtcNow.AddDays(-45), "Revoke: unused for 45 days", false,
        DateTime.UtcNow.AddDays(3), null, version,
        """{"Credentials":[{"Name":"billing-api-key","Kind":"ApiKey","Grade":"C"}],"Entitlements":["payments:write"],"PreviousDecision":"Keep by demo-reviewer on 2026-08-01"}""",
        false, null);

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync(ReviewItemView item)
    {
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        await provider.InvokeAsync(() => dialogs.ShowAsync<DecisionDialog>("Decide", new DialogParameters<DecisionDialog> { { d => d.Items, new[] { item } } }));
        return provider;
    }

    [Fact]
    public async Task TheDialog_ShowsTheFrozenEvidence_AndSendsTheDecisionWithTheItemsVersion()
    {
        var provider = await OpenAsync(Item(version: 3));

        var evidence = provider.Find("[data-testid=decision-evidence]").TextContent;
        Assert.Contains("billing-api-key (ApiKey, C)", evidence, StringComparison.Ordinal);
        Assert.Contains("payments:write", evidence, StringComparison.Ordinal);
        Assert.Contains("Keep by demo-reviewer on 2026-08-01", evidence, StringComparison.Ordinal);
        Assert.Equal("Revoke: unused for 45 days", provider.Find("[data-testid=decision-recommendation]").TextContent);
        provider.Find("[data-testid=decision-save]").Click();

        provider.WaitForAssertion(() => Assert.Equal((41L, 3, ReviewDecision.Keep), (_reviews.Decisions.Single().ItemId, _reviews.Decisions.Single().Version, _reviews.Decisions.Single().Decision)));
    }

    [Fact]
    public async Task ARevokeWithoutJustification_IsRefusedWithTheReason_AndNothingIsRecorded()
    {
        var provider = await OpenAsync(Item(version: 3));

        provider.FindAll("input[type=radio]")[1].Click();
        provider.Find("[data-testid=decision-save]").Click();

        provider.WaitForAssertion(() => Assert.Contains("needs a justification", provider.Find("[data-testid=decision-error]").TextContent, StringComparison.Ordinal));
        Assert.Empty(_reviews.Decisions);
    }

    [Fact]
    public async Task SomeoneElseDecidedFirst_TheReviewerIsTold_AndTheDialogStaysOpen()
    {
        var provider = await OpenAsync(Item(version: 2));

        provider.Find("[data-testid=decision-save]").Click();

        provider.WaitForAssertion(() => Assert.Contains("already decided by demo-operator", provider.Find("[data-testid=decision-error]").TextContent, StringComparison.Ordinal));
        Assert.NotEmpty(provider.FindAll("[data-testid=decision-dialog]"));
        Assert.Empty(_reviews.Decisions);
    }
}
