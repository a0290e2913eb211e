using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PenToscana.Contracts.Payments;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Modules;
using PenToscana.Kernel.Outbox;
using PenToscana.Kernel.Security;
using PenToscana.Modules.Payments.Data;
using PenToscana.Modules.Payments.Documents;
using PenToscana.Modules.Payments.Features.Api;
using PenToscana.Modules.Payments.Features.Backoffice;
using PenToscana.Modules.Payments.Features.Bodies;
using PenToscana.Modules.Payments.Features.ImportPositions;
using PenToscana.Modules.Payments.Features.Reconcile;
using PenToscana.Modules.Payments.Features.CancelPosition;
using PenToscana.Modules.Payments.Features.CreatePosition;
using PenToscana.Modules.Payments.Features.NodePrimitives;
using PenToscana.Modules.Payments.Features.PayCart;
using PenToscana.Modules.Payments.Features.Webhooks;
using PenToscana.Modules.Payments.Integration;
using PenToscana.Modules.Payments.Simulator;
using PenToscana.Modules.Payments.Soap;

namespace PenToscana.Modules.Payments;

public static class PaymentsModule
{
    /// <summary>Path of the body's station on the node interface (SOAP, paForNode).</summary>
    public const string StationPath = "/pagopa/paForNode";

    /// <summary>IRIS: debt positions, pagoPA notices, the cart, every channel, receipts and reconciliation.</summary>
    public static WebApplicationBuilder AddPayments(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddModuleDb<PaymentsDb>("payments_");
        services.AddApiScope("api.payments", "Pagamenti: posizioni debitorie e avvisi pagoPA dell'ente", PaymentsEndpoints.ScopePath);
        services.AddSingleton<BodyDirectory>();
        services.AddSingleton<IuvAllocator>();
        services.AddSingleton(StationOptions.From(builder.Configuration));
        services.AddScoped<CreatePositionHandler>();
        services.AddScoped<CancelPositionHandler>();
        services.AddScoped<NodePrimitivesHandler>();
        services.AddScoped<NodeInterface>();
        services.AddScoped<NoticeDocuments>();
        services.AddScoped<CitizenPositions>();
        services.AddScoped<PayCartHandler>();
        services.AddScoped<StartImportHandler>();
        services.AddSingleton<RunImportHandler>();
        services.AddHostedService<ImportWorker>();
        services.AddScoped<ImportReportingFlowHandler>();
        services.AddScoped<RegisterWebhookHandler>();
        services.AddIntegrationEventHandler<DebtPositionPaid, PaidWebhookFanOut>();
        services.AddIntegrationEventHandler<WebhookDeliveryDue, WebhookSender>();
        services.AddHttpClient(WebhookSender.ClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddScoped<IPaymentsApi, PaymentsApi>();
        services.AddScoped<IDemoSeeder, PaymentsDemoSeeder>();
        services.AddScoped<IOnlineServiceSource, PaymentsOnlineServices>();

        if (SimulatorEnabled(builder.Configuration, builder.Environment))
        {
            if (builder.Configuration["Payments:Simulator:StationUrl"] is { Length: > 0 } url)
            {
                services.AddHttpClient<INodeStation, HttpStation>(c => { c.BaseAddress = new Uri(url); c.Timeout = TimeSpan.FromSeconds(20); });
            }
            else
            {
                services.AddSingleton<INodeStation, LoopbackStation>();
            }

            services.AddSingleton<NodeSimulator>();
            services.AddScoped<SimulatedCheckout>();
            services.AddSingleton<SimulatedReporting>();
        }

        return builder;
    }

    /// <summary>The node/PSP simulator: on in development and the embedded mode, off in production unless asked for.</summary>
    public static bool SimulatorEnabled(IConfiguration configuration, IHostEnvironment environment)
        => configuration["Payments:Simulator:Enabled"] is { } set
            ? string.Equals(set, "true", StringComparison.OrdinalIgnoreCase)
            : !environment.IsProduction();

    public static WebApplication MapPayments(this WebApplication app)
    {
        PaymentsEndpoints.Map(app);
        CitizenDocuments.Map(app);
        BackofficeEndpoints.Map(app);
        app.MapPost(StationPath, async (HttpContext http, NodeInterface node, CancellationToken ct) =>
            {
                var (status, xml) = await node.ProcessAsync(http.Request.Body, ct);
                return Results.Text(xml, "text/xml; charset=utf-8", System.Text.Encoding.UTF8, status);
            })
            .AllowAnonymous()
            .DisableAntiforgery()
            .ExcludeFromDescription()
            .WithName("PaForNode");
        return app;
    }
}
