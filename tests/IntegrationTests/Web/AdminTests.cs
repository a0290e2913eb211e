using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Kernel.Data;

namespace PenToscana.IntegrationTests.Web;

public sealed class AdminTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    private async Task<Guid> EnteIdAsync(string ipa)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<KernelDb>().Enti.Where(e => e.IpaCode == ipa).Select(e => e.Id).SingleAsync();
    }

    private static Dictionary<string, string> NewBody(string ipa, string taxCode) => new()
    {
        ["IpaCode"] = ipa,
        ["TaxCode"] = taxCode,
        ["Ente.Name"] = "Comune di Esempio",
        ["Ente.Kind"] = "1",
        ["AooCode"] = "AOO_ES",
        ["AooName"] = "Comune di Esempio",
    };

    [Fact]
    public async Task A_platform_administrator_creates_a_body_and_the_creation_is_audited()
    {
        var admin = await platform.SignedInClientAsync(Personas.PlatformAdmin);
        var response = await admin.PostFormAsync("/admin/enti/nuovo", "/admin/enti/nuovo", NewBody("c_z999", "01234567897"));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await using var scope = platform.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KernelDb>();
        var ente = await db.Enti.Include(e => e.Aoos).SingleAsync(e => e.IpaCode == "c_z999");
        ente.Name.ShouldBe("Comune di Esempio");
        ente.Aoos.Single().Code.ShouldBe("AOO_ES");
        response.Headers.Location!.ToString().ShouldBe($"/admin/enti/{ente.Id}");
        (await db.AuditEntries.AnyAsync(a => a.Action == "kernel.ente.created" && a.EnteId == ente.Id && a.Actor == Personas.PlatformAdmin)).ShouldBeTrue();
        (await platform.CreateClient().GetStringAsync("/")).ShouldContain("Comune di Esempio");
    }

    [Fact]
    public async Task A_body_with_an_invalid_tax_code_is_refused_with_an_italian_message_and_nothing_is_saved()
    {
        var admin = await platform.SignedInClientAsync(Personas.PlatformAdmin);
        var response = await admin.PostFormAsync("/admin/enti/nuovo", "/admin/enti/nuovo", NewBody("c_bad1", "01234567890"));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Il codice fiscale non è valido");
        await using var scope = platform.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<KernelDb>().Enti.AnyAsync(e => e.IpaCode == "c_bad1")).ShouldBeFalse();
    }

    [Fact]
    public async Task A_duplicate_ipa_code_is_refused()
    {
        var admin = await platform.SignedInClientAsync(Personas.PlatformAdmin);
        var response = await admin.PostFormAsync("/admin/enti/nuovo", "/admin/enti/nuovo", NewBody("c_d612", "01234567897"));
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Esiste già un ente con questo codice IPA");
    }

    [Fact]
    public async Task A_body_administrator_cannot_create_bodies()
    {
        var firenze = await platform.SignedInClientAsync(Personas.FirenzeAdmin);
        var response = await firenze.GetAsync("/admin/enti/nuovo");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/accesso-negato");
    }

    [Fact]
    public async Task A_body_administrator_adds_an_office_and_an_invalid_one_is_explained()
    {
        var firenzeId = await EnteIdAsync("c_d612");
        var firenze = await platform.SignedInClientAsync(Personas.FirenzeAdmin);
        string page = $"/admin/enti/{firenzeId}";

        var bad = await firenze.PostFormAsync(page, page + "?handler=Office", new Dictionary<string, string>
        {
            ["NewOffice.Code"] = "con spazi",
            ["NewOffice.Name"] = "",
            ["NewOffice.Email"] = "non-una-mail",
        });
        bad.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var html = await bad.Content.ReadAsStringAsync();
        html.ShouldContain("Indica la denominazione dell&#x27;ufficio.");
        html.ShouldContain("L&#x27;indirizzo e-mail non è valido.");

        var good = await firenze.PostFormAsync(page, page + "?handler=Office", new Dictionary<string, string>
        {
            ["NewOffice.Code"] = "CULT",
            ["NewOffice.Name"] = "Direzione Cultura",
            ["NewOffice.Email"] = "cultura@comune.fi.it",
        });
        good.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await firenze.GetStringAsync(page)).ShouldContain("Direzione Cultura");
    }

    [Fact]
    public async Task An_office_operator_sees_the_body_but_cannot_change_it()
    {
        var firenzeId = await EnteIdAsync("c_d612");
        var operatorClient = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        string page = $"/admin/enti/{firenzeId}";
        var html = await operatorClient.GetStringAsync(page);
        html.ShouldContain("Comune di Firenze");
        html.ShouldNotContain("Salva i dati");

        // A hand-made post (token from another form of the same session) is still refused.
        var response = await operatorClient.PostFormAsync(page, page + "?handler=Office", new Dictionary<string, string>
        {
            ["NewOffice.Code"] = "X1",
            ["NewOffice.Name"] = "Ufficio abusivo",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/accesso-negato");
    }

    [Fact]
    public async Task Saving_a_body_edited_meanwhile_by_someone_else_is_refused_with_a_conflict()
    {
        var pratoId = await EnteIdAsync("c_g999");
        var prato = await platform.SignedInClientAsync(Personas.PratoAdmin);
        string page = $"/admin/enti/{pratoId}";
        var fields = new Dictionary<string, string> { ["Ente.Name"] = "Comune di Prato", ["Ente.Kind"] = "1", ["version"] = "0", ["Ente.PatronDay"] = "26", ["Ente.PatronMonth"] = "12" };

        (await prato.PostFormAsync(page, page, fields)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var stale = await prato.PostFormAsync(page, page, fields);
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await stale.Content.ReadAsStringAsync()).ShouldContain("modificato i dati dell&#x27;ente nel frattempo");
    }

    [Fact]
    public async Task The_jobs_page_lists_the_scheduled_jobs_and_queues_a_test_mail_that_reaches_the_dev_mailbox()
    {
        var admin = await platform.SignedInClientAsync(Personas.PlatformAdmin);
        var page = await admin.GetStringAsync("/admin/lavori");
        page.ShouldContain("audit-verify");
        page.ShouldContain("outbox-cleanup");

        var queued = await admin.PostFormAsync("/admin/lavori", "/admin/lavori?handler=TestMail", new Dictionary<string, string> { ["to"] = "prova@example.it" });
        queued.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        string mailbox = "";
        for (int i = 0; i < 100 && !mailbox.Contains("PenToscana: e-mail di prova", StringComparison.Ordinal); i++)
        {
            await Task.Delay(100);
            mailbox = await admin.GetStringAsync("/dev/mailbox");
        }

        mailbox.ShouldContain("PenToscana: e-mail di prova", customMessage: mailbox[mailbox.IndexOf("<main", StringComparison.Ordinal)..]);
    }

    [Fact]
    public async Task Running_a_job_now_records_its_outcome()
    {
        var admin = await platform.SignedInClientAsync(Personas.PlatformAdmin);
        var response = await admin.PostFormAsync("/admin/lavori", "/admin/lavori?handler=Run", new Dictionary<string, string> { ["name"] = "audit-verify" });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await using var scope = platform.Services.CreateAsyncScope();
        var job = await scope.ServiceProvider.GetRequiredService<KernelDb>().ScheduledJobs.AsNoTracking().SingleAsync(j => j.Name == "audit-verify");
        job.LastStatus.ShouldBe(PenToscana.Kernel.Jobs.JobRunStatus.Succeeded);
        job.RunCount.ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task The_audit_page_verifies_the_chain_for_a_platform_administrator()
    {
        var admin = await platform.SignedInClientAsync(Personas.PlatformAdmin);
        var response = await admin.PostFormAsync("/admin/audit", "/admin/audit?handler=Verify", new Dictionary<string, string>());
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Catena integra");
    }

    private static async Task<HttpResponseMessage> UploadLogoAsync(HttpClient client, string page, byte[] content, string fileName, string contentType)
    {
        var html = await client.GetStringAsync(page);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Antiforgery.TokenFrom(html)), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new(contentType);
        form.Add(file, "logo", fileName);
        return await client.PostAsync(page + "?handler=Logo", form);
    }

    /// <summary>A valid 1×1 PNG.</summary>
    private static readonly byte[] TinyPng = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    [Fact]
    public async Task A_body_administrator_uploads_a_logo_that_is_then_served_bit_identical()
    {
        var id = await EnteIdAsync("usl_tc");
        var admin = await platform.SignedInClientAsync("FRNLRA90B41G999V");
        var response = await UploadLogoAsync(admin, $"/admin/enti/{id}", TinyPng, "logo.png", "image/png");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var served = await platform.CreateClient().GetAsync("/enti/usl_tc/logo");
        served.StatusCode.ShouldBe(HttpStatusCode.OK);
        served.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        (await served.Content.ReadAsByteArrayAsync()).ShouldBe(TinyPng);
        (await platform.CreateClient().GetStringAsync("/enti/usl_tc")).ShouldContain("/enti/usl_tc/logo");
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_is_refused_as_a_logo_whatever_its_name_and_type_say()
    {
        var id = await EnteIdAsync("r_toscan");
        var admin = await platform.SignedInClientAsync("CLMFNC81S50D612T");
        var response = await UploadLogoAsync(admin, $"/admin/enti/{id}", "<svg onload=alert(1)>"u8.ToArray(), "logo.png", "image/png");

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Il file non è un&#x27;immagine PNG, JPEG o WebP.");
        (await platform.CreateClient().GetAsync("/enti/r_toscan/logo")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_logo_over_512_kilobytes_is_refused_with_its_size()
    {
        var id = await EnteIdAsync("r_toscan");
        var admin = await platform.SignedInClientAsync("CLMFNC81S50D612T");
        var big = new byte[600 * 1024];
        TinyPng.CopyTo(big, 0);
        var response = await UploadLogoAsync(admin, $"/admin/enti/{id}", big, "logo.png", "image/png");

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Il file è di 600 KB");
    }
}
