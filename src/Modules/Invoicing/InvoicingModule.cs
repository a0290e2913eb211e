using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using PenToscana.Kernel.Security;
using PenToscana.Modules.Invoicing.Features.ValidateInvoice;

namespace PenToscana.Modules.Invoicing;

/// <summary>fERT: FatturaPA invoices exchanged with SdI.</summary>
public static class InvoicingModule
{
    /// <summary>The operator policy defined by the identity layer (operators of a body, or a body's API client with the scope).</summary>
    internal const string OperatorPolicy = "operator";

    public static WebApplicationBuilder AddInvoicing(this WebApplicationBuilder builder)
    {
        builder.Services.AddApiScope("api.invoicing", "Fatturazione elettronica: verifica, ricezione ed emissione di fatture", "/api/invoicing");
        return builder;
    }

    public static IEndpointRouteBuilder MapInvoicing(this IEndpointRouteBuilder app)
    {
        ValidateInvoiceEndpoint.Map(app);
        Features.RenderInvoice.RenderInvoiceEndpoint.Map(app);
        return app;
    }
}
