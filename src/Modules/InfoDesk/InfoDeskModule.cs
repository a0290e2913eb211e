using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Jobs;
using PenToscana.Kernel.Modules;
using PenToscana.Kernel.Outbox;
using PenToscana.Modules.InfoDesk.Data;
using PenToscana.Modules.InfoDesk.Features;
using PenToscana.Modules.InfoDesk.Features.DemoSeed;
using PenToscana.Modules.InfoDesk.Features.FileReport;
using PenToscana.Modules.InfoDesk.Features.FindSimilar;
using PenToscana.Modules.InfoDesk.Features.FollowReport;
using PenToscana.Modules.InfoDesk.Features.WorkReport;
using PenToscana.Modules.InfoDesk.Features.Protocol;
using PenToscana.Modules.InfoDesk.Features.Routing;

namespace PenToscana.Modules.InfoDesk;

public static class InfoDeskModule
{
    /// <summary>Sportelli informativi: reports and complaints from every channel, routing, answers, Open311.</summary>
    public static WebApplicationBuilder AddInfoDesk(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddModuleDb<InfoDeskDb>("infodesk_");
        services.AddSingleton<AreaGeometryCache>();
        services.AddScoped<Bodies>();
        services.AddOutputCache(o => o.AddPolicy(PublicCache.PolicyName, new PublicCache(builder.Configuration)));
        services.AddScoped<OperatorAccess>();
        services.AddScoped<ReportRouter>();
        services.AddScoped<FileReportHandler>();
        services.AddScoped<FindSimilarHandler>();
        services.AddSingleton<NearbySettings>();
        services.AddScoped<Features.Cards.SaveCardHandler>();
        services.AddScoped<Features.Statistics.ReportStatisticsHandler>();
        services.AddScoped<WorkReportHandler>();
        services.AddScoped<Features.ManageAreas.ManageAreasHandler>();
        services.AddSingleton<Features.ExportReports.ExportSignal>();
        services.AddSingleton<Features.ExportReports.ExportRunner>();
        services.AddScoped<Features.ExportReports.StartExportHandler>();
        services.AddHostedService<Features.ExportReports.ExportWorker>();
        services.AddScoped<FollowReportHandler>();
        services.AddScoped<Features.EraseReporter.EraseReporterHandler>();
        services.AddScoped<IDemoSeeder, DemoReportsSeeder>();
        services.AddScheduledJob<Features.Deadlines.DeadlineJob>("infodesk-deadlines");
        services.AddScheduledJob<Features.MailIntake.MailIntakeJob>(Features.MailIntake.MailIntakeJob.JobName);
        services.AddScheduledJob<Features.Cards.CardIndexJob>(Features.Cards.CardIndexJob.JobName);
        services.AddIntegrationEventHandler<ReportProtocolRequested, ReportProtocolHandler>();
        return builder;
    }

    public static WebApplication MapInfoDesk(this WebApplication app)
    {
        PublicEndpoints.Map(app);
        Features.Open311.Open311Endpoints.Map(app);
        return app;
    }
}
