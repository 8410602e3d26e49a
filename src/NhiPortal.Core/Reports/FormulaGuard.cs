namespace NhiPortal.Core.Reports;

/// <summary>Text that a spreadsheet would run as a formula is neutralised (OWASP CSV injection).</summary>
public static class FormulaGuard
{
    public static bool LooksLikeFormula(string value) => value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>For CSV: a leading apostrophe makes a spreadsheet show the text instead of evaluating it.</summary>
    public static string ForCsv(string value) => LooksLikeFormula(value) ? "'" + value : value;
}
