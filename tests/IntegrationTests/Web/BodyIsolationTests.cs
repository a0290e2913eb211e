using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Kernel.Data;

namespace PenToscana.IntegrationTests.Web;

/// <summary>
/// Body isolation over every back-office endpoint that exists: the test enumerates the app's endpoints, so the
/// endpoints of new modules are covered without being listed here.
/// </summary>
public sealed class BodyIsolationTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    private static readonly string[] BackOfficePrefixes = ["/admin", "/backoffice", "/api/v1/backoffice"];

    /// <summary>GET routes of the back office that address one record by an id.</summary>
    private List<string> IdAddressedBackOfficeRoutes()
    {
        var sources = platform.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        return sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => BackOfficePrefixes.Any(p => ("/" + e.RoutePattern.RawText?.TrimStart('/')).StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            .Where(e => e.RoutePattern.Parameters.Any(p => p.Name.Equals("id", StringComparison.OrdinalIgnoreCase) || p.Name.EndsWith("Id", StringComparison.Ordinal)))
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>() is not { } methods || methods.HttpMethods.Contains("GET"))
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Distinct()
            .ToList();
    }

    /// <summary>Every record id of one body that a back-office route could address.</summary>
    private async Task<List<Guid>> RecordIdsOfAsync(string ipa)
    {
        await EnsureAnApplicationAsync(ipa);
        await EnsureAnAssistedApplicationAsync(ipa);
        await using var scope = platform.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KernelDb>();
        var ente = await db.Enti.AsNoTracking().SingleAsync(e => e.IpaCode == ipa);
        var ids = new List<Guid> { ente.Id };
        ids.AddRange(await db.Aoos.AsNoTracking().Where(a => a.EnteId == ente.Id).Select(a => a.Id).ToListAsync());
        ids.AddRange(await db.Offices.AsNoTracking().Where(o => o.EnteId == ente.Id).Select(o => o.Id).ToListAsync());
        var applications = scope.ServiceProvider.GetRequiredService<PenToscana.Modules.Applications.Data.ApplicationsDb>();
        ids.AddRange(await applications.Submissions.AsNoTracking().Where(s => s.EnteId == ente.Id).Select(s => s.Id).ToListAsync());
        ids.AddRange(await applications.Services.AsNoTracking().Where(s => s.EnteId == ente.Id).OrderBy(s => s.Slug).Select(s => s.Id).Take(3).ToListAsync());
        var protocol = scope.ServiceProvider.GetRequiredService<PenToscana.Modules.Protocol.Data.ProtocolDb>();
        ids.AddRange(await protocol.Entries.AsNoTracking().Where(e => e.EnteId == ente.Id).OrderBy(e => e.Number).Select(e => e.Id).Take(3).ToListAsync());
        if (!await protocol.EmergencyRegisters.IgnoreQueryFilters().AnyAsync(r => r.EnteId == ente.Id))
        {
            protocol.EmergencyRegisters.Add(new PenToscana.Modules.Protocol.Data.EmergencyRegister
            {
                Id = Guid.CreateVersion7(), EnteId = ente.Id, RegisterId = Guid.CreateVersion7(), AooCode = "AOO", Code = "EM-2026-99",
                Cause = "Prova di isolamento", OpenedAt = DateTimeOffset.UtcNow.AddHours(-1), OpenedBy = "test",
            });
            await protocol.SaveChangesAsync();
        }

        ids.AddRange(await protocol.EmergencyRegisters.IgnoreQueryFilters().AsNoTracking().Where(r => r.EnteId == ente.Id).Select(r => r.Id).ToListAsync());
        var payments = scope.ServiceProvider.GetRequiredService<PenToscana.Modules.Payments.Data.PaymentsDb>();
        // Payments: debt positions (the position page) and import jobs (the job page, its status, error report and notices ZIP).
        ids.AddRange(await payments.Positions.AsNoTracking().Where(p => p.EnteId == ente.Id).OrderBy(p => p.CreatedAt).Select(p => p.Id).Take(3).ToListAsync());
        if (!await payments.ImportJobs.AnyAsync(j => j.EnteId == ente.Id))
        {
            // An (empty, finished) import job, so that the import routes have a record of this body to address.
            payments.ImportJobs.Add(new PenToscana.Modules.Payments.Domain.ImportJob
            {
                Id = Guid.CreateVersion7(), EnteId = ente.Id, FileName = "vuoto.csv", Format = "csv", BlobSha256 = new string('0', 64), CreatedBy = "test",
                CreatedAt = DateTimeOffset.UtcNow, FinishedAt = DateTimeOffset.UtcNow, Status = PenToscana.Modules.Payments.Domain.ImportStatus.Completed,
            });
            await payments.SaveChangesAsync();
        }

        ids.AddRange(await payments.ImportJobs.AsNoTracking().Where(j => j.EnteId == ente.Id).Select(j => j.Id).Take(3).ToListAsync());
        ids.AddRange(await payments.Receipts.AsNoTracking().Where(r => r.EnteId == ente.Id).OrderBy(r => r.ReceivedAt).Select(r => r.Id).Take(3).ToListAsync());
        var infoDesk = scope.ServiceProvider.GetRequiredService<PenToscana.Modules.InfoDesk.Data.InfoDeskDb>();
        ids.AddRange(await infoDesk.Reports.IgnoreQueryFilters().AsNoTracking().Where(r => r.EnteId == ente.Id).Select(r => r.Id).ToListAsync());
        ids.AddRange(await infoDesk.Cards.IgnoreQueryFilters().AsNoTracking().Where(c => c.EnteId == ente.Id).Select(c => c.Id).ToListAsync());
        ids.AddRange(await infoDesk.Areas.IgnoreQueryFilters().AsNoTracking().Where(a => a.EnteId == ente.Id).Select(a => a.Id).ToListAsync());
        if (!await infoDesk.Exports.IgnoreQueryFilters().AnyAsync(x => x.EnteId == ente.Id))
        {
            infoDesk.Exports.Add(new PenToscana.Modules.InfoDesk.Data.ReportExport
            {
                Id = Guid.CreateVersion7(), EnteId = ente.Id, Format = "csv", Filters = "{}", CreatedBy = "test", CreatedAt = DateTimeOffset.UtcNow,
                Status = PenToscana.Modules.InfoDesk.Data.ExportStatus.Failed, Error = "Prova di isolamento", FinishedAt = DateTimeOffset.UtcNow,
            });
            await infoDesk.SaveChangesAsync();
        }

        ids.AddRange(await infoDesk.Exports.IgnoreQueryFilters().AsNoTracking().Where(x => x.EnteId == ente.Id).Select(x => x.Id).ToListAsync());
        ids.AddRange(await InvoicingRecordIdsAsync(scope.ServiceProvider, ente.Id, ipa));
        return ids;
    }

    /// <summary>Billing offices, received invoices and suppliers; one invoice is delivered to the body first if it has none.</summary>
    private static async Task<List<Guid>> InvoicingRecordIdsAsync(IServiceProvider services, Guid enteId, string ipa)
    {
        var invoicing = services.GetRequiredService<PenToscana.Modules.Invoicing.Data.InvoicingDb>();
        var office = await invoicing.BillingOffices.AsNoTracking().SingleAsync(o => o.EnteId == enteId);
        if (!await invoicing.ReceivedInvoices.AnyAsync(i => i.EnteId == enteId))
        {
            var xml = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Invoicing", "Samples", "IT01234567890_FPA01.xml"))
                .Replace("<CodiceDestinatario>AAAAAA</CodiceDestinatario>", $"<CodiceDestinatario>{office.CodiceUfficio}</CodiceDestinatario>", StringComparison.Ordinal);
            await services.GetRequiredService<PenToscana.Modules.Invoicing.Features.ReceiveInvoice.ReceiveInvoiceHandler>().HandleAsync(
                new(ipa.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + "00000777", "IT01234567897_00777.xml", System.Text.Encoding.UTF8.GetBytes(xml), "sdi"),
                CancellationToken.None);
        }

        if (!await invoicing.IssuedInvoices.AnyAsync(i => i.EnteId == enteId))
        {
            invoicing.IssuedInvoices.Add(new PenToscana.Modules.Invoicing.Data.IssuedInvoice
            {
                Id = Guid.NewGuid(), EnteId = enteId, EnteIpa = ipa, FileName = $"IT0000000000{ipa.Length}_ISO01.xml", Formato = "FPA12", CodiceDestinatario = "UFRTOS",
                CustomerName = "Regione Toscana", Numero = "1/2026/ISO01", DocumentDate = new DateOnly(2026, 11, 1), Description = "Prova di isolamento",
                FileSha256 = new string('0', 64), Status = PenToscana.Modules.Invoicing.Data.IssuedInvoiceStatus.Consegnata, CreatedAt = DateTimeOffset.UtcNow,
            });
            await invoicing.SaveChangesAsync();
        }

        var ids = new List<Guid> { office.Id };
        ids.AddRange(await invoicing.ReceivedInvoices.AsNoTracking().Where(i => i.EnteId == enteId).Select(i => i.Id).ToListAsync());
        ids.AddRange(await invoicing.Suppliers.AsNoTracking().Where(s => s.EnteId == enteId).Select(s => s.Id).ToListAsync());
        ids.AddRange(await invoicing.IssuedInvoices.AsNoTracking().Where(i => i.EnteId == enteId).Select(i => i.Id).ToListAsync());
        return ids;
    }

    /// <summary>Puts the body's IPA code in <c>{ipa}</c> (back-office pages name the body in the path) and the id everywhere else.</summary>
    private static string Fill(string route, Guid id, string ipa = "c_d612")
        => System.Text.RegularExpressions.Regex.Replace(route.Replace("{ipa}", ipa, StringComparison.Ordinal), "\\{[^}]*\\}", id.ToString());

    /// <summary>An application filed with the body through the API, so that the applications back office has a record to address.</summary>
    private async Task EnsureAnApplicationAsync(string ipa)
    {
        await using (var scope = platform.Services.CreateAsyncScope())
        {
            if (await scope.ServiceProvider.GetRequiredService<PenToscana.Modules.Applications.Data.ApplicationsDb>().Submissions.AnyAsync())
            {
                return;
            }
        }

        var citizen = await platform.SignedInClientAsync(Personas.CitizenMario);
        var response = await citizen.PostAsync("/api/v1/istanze", System.Net.Http.Json.JsonContent.Create(new
        {
            enteIpa = ipa,
            serviceSlug = "istanza-generica",
            data = new Dictionary<string, string> { ["oggetto"] = "Richiesta di informazioni", ["testo"] = "Testo della richiesta." },
        }));
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    /// <summary>An application taken at the body's desk (accesso assistito), so that the desk's receipt routes have a record to address.</summary>
    private async Task EnsureAnAssistedApplicationAsync(string ipa)
    {
        await using (var scope = platform.Services.CreateAsyncScope())
        {
            if (await scope.ServiceProvider.GetRequiredService<PenToscana.Modules.Applications.Data.ApplicationsDb>().Submissions.AnyAsync(s => s.AssistedDeskEnteId != null))
            {
                return;
            }
        }

        var desk = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var service = await PenToscana.IntegrationTests.Applications.ServiceAdministrationTests.ServiceIdAsync(platform, ipa, "istanza-generica");
        await PenToscana.IntegrationTests.Applications.AssistedAccessTests.FileAtDeskAsync(desk, service, "Richiesta allo sportello");
    }

    [Fact]
    public async Task The_back_office_has_id_addressed_routes_to_check()
        => IdAddressedBackOfficeRoutes().Count.ShouldBeGreaterThanOrEqualTo(3);

    [Fact]
    public void Every_id_addressed_payments_back_office_route_names_its_body_in_the_path()
    {
        var payments = IdAddressedBackOfficeRoutes().Where(r => r.Contains("/pagamenti", StringComparison.Ordinal)).ToList();
        payments.ShouldNotBeEmpty();
        payments.Where(r => !r.StartsWith("/backoffice/{ipa}/pagamenti/", StringComparison.Ordinal)).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_operator_of_another_body_gets_404_for_every_record_of_this_body_on_every_back_office_route()
    {
        var firenzeIds = await RecordIdsOfAsync("c_d612");
        var prato = await platform.SignedInClientAsync(Personas.PratoAdmin);
        var leaks = new List<string>();
        foreach (var route in IdAddressedBackOfficeRoutes())
        {
            // Both the other body's path and the operator's own body's path with the other body's record id.
            foreach (var url in firenzeIds.SelectMany(id => new[] { Fill(route, id, "c_d612"), Fill(route, id, "c_g999") }).Distinct())
            {
                var status = (await prato.GetAsync(url)).StatusCode;
                if (status != HttpStatusCode.NotFound)
                {
                    leaks.Add($"{url} -> {(int)status}");
                }
            }
        }

        leaks.ShouldBeEmpty();
    }

    [Fact]
    public async Task Each_id_addressed_back_office_route_answers_its_own_body_operator_for_some_record()
    {
        // The control for the test above: the routes do serve records, so 404 for others is isolation, not breakage.
        var firenzeIds = await RecordIdsOfAsync("c_d612");
        var firenze = await platform.SignedInClientAsync(Personas.FirenzeAdmin);
        var silent = new List<string>();
        foreach (var route in IdAddressedBackOfficeRoutes())
        {
            bool served = false;
            foreach (var id in firenzeIds)
            {
                if ((await firenze.GetAsync(Fill(route, id))).StatusCode == HttpStatusCode.OK)
                {
                    served = true;
                    break;
                }
            }

            if (!served)
            {
                silent.Add(route);
            }
        }

        silent.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_back_office_api_lists_only_the_offices_of_the_operators_bodies()
    {
        var prato = await platform.SignedInClientAsync(Personas.PratoAdmin);
        var offices = await prato.GetStringAsync("/api/v1/backoffice/offices");
        offices.ShouldContain("c_g999");
        offices.ShouldNotContain("c_d612");
        offices.ShouldNotContain("r_toscan");
    }

    [Fact]
    public async Task A_citizen_without_roles_cannot_open_the_back_office()
    {
        var citizen = await platform.SignedInClientAsync(Personas.CitizenMario);
        var response = await citizen.GetAsync("/admin");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/accesso-negato");
        (await citizen.GetAsync("/api/v1/backoffice/offices")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
