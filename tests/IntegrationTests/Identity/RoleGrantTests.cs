using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Users;
using PenToscana.Modules.Identity.Data;

namespace PenToscana.IntegrationTests.Identity;

public sealed class RoleGrantTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    private const string Giulia = "BNCGLI85M52G999P";

    private async Task<Guid> EnteIdAsync(string ipa)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<KernelDb>().Enti.Where(e => e.IpaCode == ipa).Select(e => e.Id).SingleAsync();
    }

    private static string Page(Guid enteId) => $"/admin/identity/enti/{enteId}/ruoli";

    [Fact]
    public async Task A_body_administrator_grants_and_revokes_a_role_by_codice_fiscale_and_both_are_audited()
    {
        var firenze = await EnteIdAsync("c_d612");
        var admin = await platform.SignedInClientAsync(Personas.FirenzeAdmin);

        var granted = await admin.PostFormAsync(Page(firenze), Page(firenze) + "?handler=Grant", new Dictionary<string, string>
        {
            ["TaxCode"] = Giulia.ToLowerInvariant(),
            ["Role"] = PlatformRoles.ProtocolOfficer,
            ["OfficeId"] = "",
        });

        granted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await using (var scope = platform.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
            var grant = await db.RoleGrants.SingleAsync(g => g.PersonTaxCode == Giulia && g.EnteId == firenze);
            grant.Role.ShouldBe(PlatformRoles.ProtocolOfficer);
            grant.GrantedBy.ShouldBe(Personas.FirenzeAdmin);
            var kernel = scope.ServiceProvider.GetRequiredService<KernelDb>();
            (await kernel.AuditEntries.AnyAsync(a => a.Action == "identity.role.granted" && a.EnteId == firenze && a.Subject == Giulia && a.Actor == Personas.FirenzeAdmin)).ShouldBeTrue();
        }

        (await admin.GetStringAsync(Page(firenze))).ShouldContain(Giulia);

        // The grant takes effect at Giulia's next sign-in: she now reaches the back office.
        var giulia = await platform.SignedInClientAsync(Giulia);
        (await giulia.GetAsync("/admin")).StatusCode.ShouldBe(HttpStatusCode.OK);

        Guid grantId;
        await using (var scope = platform.Services.CreateAsyncScope())
        {
            grantId = await scope.ServiceProvider.GetRequiredService<IdentityDb>().RoleGrants.Where(g => g.PersonTaxCode == Giulia).Select(g => g.Id).SingleAsync();
        }

        var revoked = await admin.PostFormAsync(Page(firenze), Page(firenze) + "?handler=Revoke", new Dictionary<string, string> { ["grantId"] = grantId.ToString() });

        revoked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await using (var scope = platform.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<IdentityDb>().RoleGrants.AnyAsync(g => g.PersonTaxCode == Giulia)).ShouldBeFalse();
            (await scope.ServiceProvider.GetRequiredService<KernelDb>().AuditEntries
                .AnyAsync(a => a.Action == "identity.role.revoked" && a.EnteId == firenze && a.Subject == Giulia)).ShouldBeTrue();
        }

        var afterRevoke = await platform.SignedInClientAsync(Giulia);
        (await afterRevoke.GetAsync("/admin")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task An_invalid_codice_fiscale_is_refused_with_an_italian_message_and_nothing_is_saved()
    {
        var firenze = await EnteIdAsync("c_d612");
        var admin = await platform.SignedInClientAsync(Personas.FirenzeAdmin);

        var response = await admin.PostFormAsync(Page(firenze), Page(firenze) + "?handler=Grant", new Dictionary<string, string>
        {
            ["TaxCode"] = "RSSMRA80A01D612X",
            ["Role"] = PlatformRoles.OfficeOperator,
        });

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Carattere di controllo errato");
        await using var scope = platform.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<IdentityDb>().RoleGrants.AnyAsync(g => g.PersonTaxCode == "RSSMRA80A01D612X")).ShouldBeFalse();
    }

    [Fact]
    public async Task The_platform_administrator_role_cannot_be_granted_by_a_body()
    {
        var firenze = await EnteIdAsync("c_d612");
        var admin = await platform.SignedInClientAsync(Personas.FirenzeAdmin);

        var response = await admin.PostFormAsync(Page(firenze), Page(firenze) + "?handler=Grant", new Dictionary<string, string>
        {
            ["TaxCode"] = Personas.CitizenMario,
            ["Role"] = PlatformRoles.PlatformAdmin,
        });

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        await using var scope = platform.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<IdentityDb>().RoleGrants.AnyAsync(g => g.PersonTaxCode == Personas.CitizenMario)).ShouldBeFalse();
    }

    [Fact]
    public async Task Another_bodys_administrator_gets_404_for_the_roles_and_cannot_grant_there()
    {
        var firenze = await EnteIdAsync("c_d612");
        var prato = await EnteIdAsync("c_g999");
        var pratoAdmin = await platform.SignedInClientAsync(Personas.PratoAdmin);

        (await pratoAdmin.GetAsync(Page(firenze))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await pratoAdmin.GetAsync(Page(prato))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var response = await pratoAdmin.PostFormAsync(Page(prato), Page(firenze) + "?handler=Grant", new Dictionary<string, string>
        {
            ["TaxCode"] = Personas.CitizenMario,
            ["Role"] = PlatformRoles.OfficeOperator,
        });

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await using var scope = platform.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<IdentityDb>().RoleGrants.AnyAsync(g => g.PersonTaxCode == Personas.CitizenMario)).ShouldBeFalse();
    }

    [Fact]
    public async Task An_operator_who_is_not_body_administrator_sees_the_roles_but_cannot_grant()
    {
        var firenze = await EnteIdAsync("c_d612");
        var operatorClient = await platform.SignedInClientAsync(Personas.FirenzeOperator);

        var page = await operatorClient.GetStringAsync(Page(firenze));
        page.ShouldContain(Personas.FirenzeAdmin);
        page.ShouldNotContain("Assegna il ruolo");
        var response = await operatorClient.PostFormAsync(Page(firenze), Page(firenze) + "?handler=Grant", new Dictionary<string, string>
        {
            ["TaxCode"] = Personas.CitizenMario,
            ["Role"] = PlatformRoles.OfficeOperator,
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/accesso-negato");
    }
}
