using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NhiPortal.Core.Reports;

namespace NhiPortal.Infrastructure.Reports;

public static class ReportsServiceCollectionExtensions
{
    /// <summary>The reports, direct and prepared; the host adds the export job and reads <see cref="ReportOptions"/> from configuration.</summary>
    public static IServiceCollection AddNhiReports(this IServiceCollection services)
    {
        services.TryAddSingleton(new ReportOptions());
        services.AddSingleton<ReportSources>();
        services.AddSingleton<ReportWriter>();
        services.AddSingleton<ReportExportFiles>();
        services.AddSingleton<ReportExportSignal>();
        services.AddSingleton<ReportExportRunner>();
        services.AddSingleton<ReportExportExpiry>();
        services.AddSingleton<ReportExportJob>();
        services.AddScoped<IReportService, ReportService>();
        services.AddScoped<IReportExports, ReportExports>();
        return services;
    }
}
