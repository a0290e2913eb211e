using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace PenToscana.Modules.Invoicing;

/// <summary>fERT: FatturaPA invoices exchanged with SdI.</summary>
public static class InvoicingModule
{
    public static WebApplicationBuilder AddInvoicing(this WebApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapInvoicing(this IEndpointRouteBuilder app) => app;
}
