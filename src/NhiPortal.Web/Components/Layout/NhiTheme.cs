using MudBlazor;

namespace NhiPortal.Web.Components.Layout;

/// <summary>The portal's palette; fonts are the system stack, so no third-party font request is ever made.</summary>
public static class NhiTheme
{
    private static readonly string[] FontStack =
        ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"];

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0b5e6b",
            Secondary = "#5a4fcf",
            AppbarBackground = "#0b3d4a",
            Background = "#f4f6f8",
            DrawerBackground = "#ffffff",
            Success = "#2e7d32",
            Warning = "#b26a00",
            Error = "#c62828",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = FontStack },
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "240px" },
    };
}
