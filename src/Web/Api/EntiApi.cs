using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Blobs;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Tenancy;
using PenToscana.Modules.Identity;

namespace PenToscana.Web.Api;

/// <summary>Public directory of bodies, and the operator's view of their offices.</summary>
internal static class EntiApi
{
    public sealed record EnteDto(string IpaCode, string TaxCode, string Name, string Kind, string? Website, string? Pec);

    public sealed record OfficeDto(Guid Id, string EnteIpaCode, string Code, string Name, string? Email);

    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Enti");
        api.MapGet("/enti", async (KernelDb db, CancellationToken ct) =>
                (await db.Enti.AsNoTracking().OrderBy(e => e.Name).ToListAsync(ct)).Select(ToDto).ToList())
            .WithName("ListEnti").WithSummary("Elenco degli enti serviti dalla piattaforma").AllowAnonymous();
        api.MapGet("/enti/{ipa}", async Task<Results<Ok<EnteDto>, NotFound>> (string ipa, KernelDb db, CancellationToken ct) =>
                await db.Enti.AsNoTracking().SingleOrDefaultAsync(e => e.IpaCode == ipa, ct) is { } ente ? TypedResults.Ok(ToDto(ente)) : TypedResults.NotFound())
            .WithName("GetEnte").WithSummary("Un ente per codice IPA").AllowAnonymous();

        app.MapGet("/enti/{ipa}/logo", async Task<IResult> (string ipa, HttpContext http, KernelDb db, IBlobStore blobs, CancellationToken ct) =>
            {
                var ente = await db.Enti.AsNoTracking().SingleOrDefaultAsync(e => e.IpaCode == ipa, ct);
                if (ente?.LogoSha256 is not { } sha || ente.LogoContentType is not { } type)
                {
                    return TypedResults.NotFound();
                }

                // Content-addressed: the same address always has the same bytes.
                var etag = new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{sha}\"");
                http.Response.Headers.CacheControl = "public, max-age=3600";
                return TypedResults.Stream(await blobs.OpenReadAsync(sha, cancellationToken: ct), type, entityTag: etag);
            })
            .WithName("GetEnteLogo").WithTags("Enti").WithSummary("Il logo dell'ente").AllowAnonymous();

        var backoffice = app.MapGroup("/api/v1/backoffice").WithTags("Back office").RequireAuthorization(IdentityModule.OperatorPolicy);
        backoffice.MapGet("/offices", async (KernelDb db, CancellationToken ct) =>
                await db.Offices.AsNoTracking().OrderBy(o => o.Name)
                    .Join(db.Enti, o => o.EnteId, e => e.Id, (o, e) => new OfficeDto(o.Id, e.IpaCode, o.Code, o.Name, o.Email)).ToListAsync(ct))
            .WithName("ListOffices").WithSummary("Gli uffici degli enti per cui l'operatore lavora");
        backoffice.MapGet("/offices/{id:guid}", async Task<Results<Ok<OfficeDto>, NotFound>> (Guid id, KernelDb db, CancellationToken ct) =>
                await db.Offices.AsNoTracking().Where(o => o.Id == id)
                    .Join(db.Enti, o => o.EnteId, e => e.Id, (o, e) => new OfficeDto(o.Id, e.IpaCode, o.Code, o.Name, o.Email)).SingleOrDefaultAsync(ct) is { } office
                    ? TypedResults.Ok(office) : TypedResults.NotFound())
            .WithName("GetOffice").WithSummary("Un ufficio; 404 se appartiene a un ente dell'operatore diverso");
    }

    private static EnteDto ToDto(Ente e) => new(e.IpaCode, e.TaxCode, e.Name, Ente.KindLabel(e.Kind), e.Website, e.Pec);
}
