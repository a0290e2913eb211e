using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Jobs;
using PenToscana.Kernel.Modules;
using PenToscana.Kernel.Outbox;
using PenToscana.Kernel.Security;
using PenToscana.Modules.Invoicing.Data;
using PenToscana.Modules.Invoicing.Features.ReceiveInvoice;
using PenToscana.Modules.Invoicing.Features.RenderInvoice;
using PenToscana.Modules.Invoicing.Features.ValidateInvoice;

namespace PenToscana.Modules.Invoicing;

/// <summary>fERT: FatturaPA invoices exchanged with SdI.</summary>
public static class InvoicingModule
{
    /// <summary>The operator policy defined by the identity layer (operators of a body, or a body's API client with the scope).</summary>
    internal const string OperatorPolicy = "operator";

    public static WebApplicationBuilder AddInvoicing(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddApiScope("api.invoicing", "Fatturazione elettronica: verifica, ricezione ed emissione di fatture", "/api/invoicing");
        services.AddModuleDb<InvoicingDb>(InvoicingDb.Prefix);
        services.AddScoped<ReceiveInvoiceHandler>();
        services.AddScoped<Features.SendOutcome.SendOutcomeHandler>();
        services.AddScoped<Features.BrowseRegister.BrowseRegisterHandler>();
        services.AddScheduledJob<Features.RemindOutcome.RemindOutcomeJob>("invoicing-outcome-reminders");
        services.AddScoped<IDemoSeeder, DemoBillingOfficesSeeder>();
        services.AddScoped<Features.Suppliers.ManageSupplierIbansHandler>();
        services.AddScoped<Features.Payments.RecordPaymentHandler>();
        services.AddScoped<Features.Payments.RecordSuspensionHandler>();
        services.AddScoped<Features.Pcc.PccExportHandler>();
        services.AddScoped<Features.Timeliness.TimelinessHandler>();
        services.AddScoped<Features.Timeliness.PaymentTerms>();
        AddSdiExchange(builder);
        return builder;
    }

    public static IEndpointRouteBuilder MapInvoicing(this IEndpointRouteBuilder app)
    {
        ValidateInvoiceEndpoint.Map(app);
        RenderInvoiceEndpoint.Map(app);
        RicezioneFattureEndpoint.Map(app);
        Features.SendOutcome.ReceivedInvoiceEndpoints.Map(app);
        Features.Payments.PaymentEndpoints.Map(app);
        Features.ReceiveInvoice.ReceiveInvoiceApi.Map(app);
        Features.BrowseRegister.RegisterEndpoints.Map(app);
        Features.IssueInvoice.IssuedInvoiceEndpoints.Map(app);
        if (Features.SdiSimulator.SdiSimulatorSettings.From(app.ServiceProvider.GetRequiredService<IConfiguration>()).Enabled)
        {
            Features.SdiSimulator.SdiSimulatorEndpoints.Map(app);
        }

        return app;
    }

    /// <summary>The SDICoop exchange: the SdI simulator (the national edge in the embedded mode and in tests) and its clients.</summary>
    private static void AddSdiExchange(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddHttpClient(Features.SdiSimulator.SdiHttp.ClientName);
        services.AddIntegrationEventHandler<Features.TransmitOutcome.OutcomeToTransmit, Features.TransmitOutcome.TransmitOutcomeHandler>();
        services.AddScoped<Features.IssueInvoice.IssuedFileNameAllocator>();
        services.AddScoped<Features.IssueInvoice.IssueInvoiceHandler>();
        services.AddSingleton<Features.IssueInvoice.InvoiceSignatureSettings>();
        services.AddIntegrationEventHandler<Features.IssueInvoice.IssuedInvoiceToTransmit, Features.IssueInvoice.TransmitIssuedInvoiceHandler>();
        if (Features.SdiSimulator.SdiSimulatorSettings.From(builder.Configuration).Enabled)
        {
            services.AddSingleton<Features.SdiSimulator.SdiSimulatorSigner>();
            services.AddScoped<Features.SdiSimulator.SdiSimulatorClock>();
            services.AddScoped<Features.SdiSimulator.SdiSimulator>();
            services.AddIntegrationEventHandler<Features.SdiSimulator.SdiSimFileReceived, Features.SdiSimulator.SdiSimFileReceivedHandler>();
            services.AddScheduledJob<Features.SdiSimulator.SdiSimulatorJob>("invoicing-sdi-simulator");
            services.AddScheduledJob<Features.SdiSimulator.SdiSimulatorNotificationJob>("invoicing-sdi-simulator-notifications");
        }
    }
}
