using Bunit;
using NhiPortal.Core.Import;
using NhiPortal.Web.Features.Import;

namespace NhiPortal.Web.Tests.Features;

public class ImportPreviewPanelTests : NhiBunitContext
{
    private static ImportPlan Plan(IReadOnlyList<ImportError> errors, int creates) => new(
        ImportKind.Staff, "staff.csv", creates + errors.Count, errors, ["Notes"], [], [],
        Enumerable.Range(0, creates).Select(i => new StaffDraft(i + 2, ImportAction.Create, null, $"s-{i}", $"Person {i}", null, null, true)).ToList(),
        ["Data"]);

    [Fact]
    public void Panel_RowErrors_AreListedAndValidRowsCanStillBeApplied()
    {
        var applied = false;
        var panel = Render<ImportPreviewPanel>(p => p
            .Add(x => x.Plan, Plan([new ImportError(5, "Email", "'bo' is not an email address.")], creates: 3))
            .Add(x => x.OnApply, () => applied = true));

        Assert.Contains("'bo' is not an email address.", panel.Find("[data-testid=import-errors]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Ignored columns: Notes", panel.Markup, StringComparison.Ordinal);
        Assert.Contains("New teams will be created: Data", panel.Markup, StringComparison.Ordinal);
        var apply = panel.Find("[data-testid=import-apply]");
        Assert.Contains("Apply 3 changes", apply.TextContent, StringComparison.Ordinal);
        apply.Click();
        panel.WaitForAssertion(() => Assert.True(applied));
    }

    [Fact]
    public void Panel_RejectedFile_CannotBeApplied()
    {
        var panel = Render<ImportPreviewPanel>(p => p.Add(x => x.Plan, Plan([new ImportError(0, "Password", "secret column")], creates: 0)));

        var apply = panel.Find("[data-testid=import-apply]");
        Assert.True(apply.HasAttribute("disabled"));
        Assert.Contains("cannot be imported", apply.TextContent, StringComparison.Ordinal);
        Assert.Contains(">file<", panel.Markup, StringComparison.Ordinal);
    }
}
