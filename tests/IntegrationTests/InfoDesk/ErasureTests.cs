using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Kernel.Data;
using PenToscana.Modules.InfoDesk.Data;
using PenToscana.Modules.InfoDesk.Domain;

namespace PenToscana.IntegrationTests.InfoDesk;

/// <summary>Erasure of a reporter's personal data on request: by a body administrator, audited, statistics kept.</summary>
public sealed class ErasureTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    private async Task<Report> ReportAsync(Guid id)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InfoDeskDb>().Reports.IgnoreQueryFilters().AsNoTracking()
            .Include(r => r.Events).SingleAsync(r => r.Id == id);
    }

    private async Task<Guid> PhoneComplaintAsync(HttpClient desk, string description)
    {
        var response = await ReportFlowTests.PostMultipartAsync(desk, "/backoffice/c_d612/segnalazioni/nuova",
            [("Channel", "Phone"), ("Type", "Complaint"), ("Category", "servizi"), ("Name", "Mario Rossi"), ("TaxCode", "RSSMRA80A01D612Y"),
             ("Phone", "055 123456"), ("Email", "mario.rossi@example.it"), ("Contact", "Phone"), ("Description", description)]);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var path = response.Headers.Location!.ToString().Split('?')[0];
        return Guid.Parse(path[(path.LastIndexOf('/') + 1)..]);
    }

    [Fact]
    public async Task A_body_administrator_erases_the_reporters_data_on_request_keeping_what_statistics_need_and_the_audit_records_it()
    {
        var desk = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var id = await PhoneComplaintAsync(desk, "Sono Mario Rossi, abito in via Roma 1: l'anagrafe era chiusa.");
        var page = $"/backoffice/c_d612/segnalazioni/{id}";
        var mario = await platform.SignedInClientAsync(Personas.CitizenMario);
        (await mario.GetStringAsync($"/area-personale/segnalazioni")).ShouldContain(id.ToString());

        var admin = await platform.SignedInClientAsync(Personas.FirenzeAdmin);
        (await admin.GetStringAsync(page)).ShouldContain("Cancella i dati personali");
        (await admin.PostFormAsync(page, page, new Dictionary<string, string> { ["action"] = "anonimizza", ["text"] = "Richiesta prot. 1234/2026" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var report = await ReportAsync(id);
        report.AnonymisedAt.ShouldNotBeNull();
        report.ReporterName.ShouldBeNull();
        report.ReporterTaxCode.ShouldBeNull();
        report.ReporterPhone.ShouldBeNull();
        report.ReporterEmail.ShouldBeNull();
        report.Description.ShouldNotContain("Mario Rossi");
        report.Events.ShouldNotContain(e => e.Text.Contains("via Roma 1"));
        // What the statistics count stays.
        report.Type.ShouldBe(ReportType.Complaint);
        report.Channel.ShouldBe(ReportChannel.Phone);
        report.CategoryCode.ShouldBe("servizi");
        report.CreatedAt.ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddHours(-1));

        var view = await admin.GetStringAsync(page);
        view.ShouldNotContain("RSSMRA80A01D612Y");
        view.ShouldContain("dati personali cancellati");
        (await mario.GetStringAsync("/area-personale/segnalazioni")).ShouldNotContain(id.ToString(), customMessage: "the report is no longer linked to the person");

        await using var scope = platform.Services.CreateAsyncScope();
        var audit = await scope.ServiceProvider.GetRequiredService<KernelDb>().AuditEntries.AsNoTracking()
            .Where(a => a.Action == "infodesk.report.anonymised" && a.Subject == id.ToString()).ToListAsync();
        audit.Count.ShouldBe(1);
        audit[0].Actor.ShouldBe(Personas.FirenzeAdmin);
        audit[0].Details.ShouldBe("Richiesta prot. 1234/2026");

        // Once is enough: a second erasure is refused and writes nothing more.
        var again = await admin.PostFormAsync(page, page, new Dictionary<string, string> { ["action"] = "anonimizza", ["text"] = "Di nuovo" });
        again.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await again.Content.ReadAsStringAsync()).ShouldContain("già stati cancellati");
    }

    [Fact]
    public async Task An_operator_who_is_not_an_administrator_and_a_request_without_reference_cannot_erase_and_nothing_changes()
    {
        var desk = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var id = await PhoneComplaintAsync(desk, "Lo sportello tributi non risponde al telefono.");
        var page = $"/backoffice/c_d612/segnalazioni/{id}";
        (await desk.GetStringAsync(page)).ShouldNotContain("Cancella i dati personali");

        var byOperator = await desk.PostFormAsync(page, page, new Dictionary<string, string> { ["action"] = "anonimizza", ["text"] = "Richiesta 1" });
        byOperator.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await byOperator.Content.ReadAsStringAsync()).ShouldContain("Solo un amministratore");

        var admin = await platform.SignedInClientAsync(Personas.FirenzeAdmin);
        var noReason = await admin.PostFormAsync(page, page, new Dictionary<string, string> { ["action"] = "anonimizza", ["text"] = " " });
        noReason.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await noReason.Content.ReadAsStringAsync()).ShouldContain("Indicare il riferimento");

        var report = await ReportAsync(id);
        report.AnonymisedAt.ShouldBeNull();
        report.ReporterTaxCode.ShouldBe("RSSMRA80A01D612Y");
        report.ReporterPhone.ShouldBe("055 123456");
    }
}
