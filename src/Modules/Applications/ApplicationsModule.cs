using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.Contracts.Payments;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Jobs;
using PenToscana.Kernel.Modules;
using PenToscana.Kernel.Outbox;
using PenToscana.Kernel.Security;
using PenToscana.Modules.Applications.Api;
using PenToscana.Modules.Applications.Data;
using PenToscana.Modules.Applications.Demo;
using PenToscana.Modules.Applications.Features.AssistedAccess;
using PenToscana.Modules.Applications.Features.Catalogue;
using PenToscana.Modules.Applications.Features.Communications;
using PenToscana.Modules.Applications.Features.FillForm;
using PenToscana.Modules.Applications.Features.ManageApplication;
using PenToscana.Modules.Applications.Features.ManageServices;
using PenToscana.Modules.Applications.Features.SubmitApplication;
using PenToscana.Modules.Applications.Forms;

namespace PenToscana.Modules.Applications;

public static class ApplicationsModule
{
    /// <summary>Ap@ci: the service catalogue, guided forms, submission with protocol and receipt, the back office and the terms.</summary>
    public static WebApplicationBuilder AddApplications(this WebApplicationBuilder builder)
    {
        if (!ModuleSwitch.IsEnabled(builder.Configuration, "Applications"))
        {
            return builder;
        }

        var services = builder.Services;
        services.AddModuleDb<ApplicationsDb>("applications_");
        services.AddScoped<IDemoSeeder, ApplicationsDemoSeeder>();
        services.AddScoped<IOnlineServiceSource, ServiceLinks>();
        services.AddScoped<CatalogueReader>();
        services.AddScoped<StartDraftHandler>();
        services.AddScoped<DraftReader>();
        services.AddSingleton<PublishedForms>();
        services.AddScoped<SaveStepHandler>();
        services.AddScoped<SubmitApplicationHandler>();
        services.AddScoped<RegisterSubmissionHandler>();
        services.AddScoped<ApplicationReader>();
        services.AddScoped<ManageApplicationHandler>();
        services.AddScoped<CitizenActionsHandler>();
        services.AddScoped<ServiceAdminAccess>();
        services.AddScoped<SaveServiceHandler>();
        services.AddScoped<FormEditor>();
        services.AddScoped<DeskAccess>();
        services.AddScoped<AssistedAccessHandler>();
        services.AddScoped<DeskCodeHandler>();
        services.AddIntegrationEventHandler<ApplicationSubmitted, ApplicationSubmittedHandler>();
        services.AddIntegrationEventHandler<ApplicationDocumentToRegister, RegisterDocumentHandler>();
        services.AddIntegrationEventHandler<DebtPositionPaid, FeePaidHandler>();
        services.AddScoped<CommunicationsReader>();
        services.AddScheduledJob<ProtocolRetryJob>("applications-protocol-retry");
        services.AddScheduledJob<TermsJob>("applications-terms");
        services.AddApiScope("api.applications", "Istanze: elenco, lettura e cambi di stato delle istanze dell'ente", "/api/v1/backoffice/istanze");
        return builder;
    }

    public static WebApplication MapApplications(this WebApplication app)
    {
        if (ModuleSwitch.IsEnabled(app.Configuration, "Applications"))
        {
            ApplicationsEndpoints.Map(app);
            ApplicationsEndpoints.MapDownloads(app);
            CommunicationEndpoints.Map(app);
        }

        return app;
    }
}
