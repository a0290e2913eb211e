using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.Contracts.Identity;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Kernel.Data;
using PenToscana.Modules.Identity.Data;

namespace PenToscana.IntegrationTests.Identity;

public sealed class RepresentationTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    private const string Giulia = "BNCGLI85M52G999P";
    private const string Luca = "VRDLCU75C10D612T";
    private const string VerdiCostruzioni = "01234567897";

    private static string InDays(int days) => DateTime.UtcNow.AddDays(days).ToString("yyyy-MM-dd");

    private async Task<T> WithApiAsync<T>(Func<IIdentityApi, Task<T>> ask)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        return await ask(scope.ServiceProvider.GetRequiredService<IIdentityApi>());
    }

    [Fact]
    public async Task The_demo_legal_representative_holds_the_qualification_and_another_person_does_not()
    {
        (await WithApiAsync(api => api.HasQualificationAsync(Luca, QualificationKinds.LegalRepresentative, VerdiCostruzioni))).ShouldBeTrue();
        (await WithApiAsync(api => api.HasQualificationAsync(Luca, QualificationKinds.ProfessionalRegister))).ShouldBeTrue();
        (await WithApiAsync(api => api.HasQualificationAsync(Personas.CitizenMario, QualificationKinds.LegalRepresentative, VerdiCostruzioni))).ShouldBeFalse();
        (await WithApiAsync(api => api.MayActForAsync(Luca, VerdiCostruzioni))).ShouldBeTrue();
        (await WithApiAsync(api => api.QualificationsOfAsync(Luca))).Count.ShouldBe(2);
    }

    [Fact]
    public async Task Acting_for_the_company_re_issues_the_session_and_the_audit_records_actor_and_company()
    {
        var luca = await platform.SignedInClientAsync(Luca);
        var personal = await luca.GetStringAsync("/area-personale");
        personal.ShouldContain("Agisci per te stesso");
        (await luca.GetStringAsync("/area-personale/rappresentanza")).ShouldContain("Verdi Costruzioni S.r.l.");

        var response = await luca.PostFormAsync("/area-personale/rappresentanza", "/area-personale/rappresentanza",
            new Dictionary<string, string> { ["representedId"] = VerdiCostruzioni });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await luca.GetStringAsync("/area-personale")).ShouldContain("Agisci per Verdi Costruzioni S.r.l.");
        await using var scope = platform.Services.CreateAsyncScope();
        var entry = await scope.ServiceProvider.GetRequiredService<KernelDb>().AuditEntries
            .SingleAsync(a => a.Action == "identity.acting.on-behalf" && a.Actor == Luca);
        entry.OnBehalfOf.ShouldBe(VerdiCostruzioni);

        var back = await luca.PostFormAsync("/area-personale/rappresentanza", "/area-personale/rappresentanza",
            new Dictionary<string, string> { ["representedId"] = "" });
        back.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await luca.GetStringAsync("/area-personale")).ShouldContain("Agisci per te stesso");
    }

    [Fact]
    public async Task A_person_cannot_act_for_a_company_they_do_not_represent()
    {
        var mario = await platform.SignedInClientAsync(Personas.CitizenMario);
        var response = await mario.PostFormAsync("/area-personale/rappresentanza", "/area-personale/rappresentanza",
            new Dictionary<string, string> { ["representedId"] = VerdiCostruzioni });

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await mario.GetStringAsync("/area-personale")).ShouldNotContain("Agisci per Verdi");
    }

    [Fact]
    public async Task A_delegation_is_created_used_by_the_delegate_and_revoked()
    {
        var mario = await platform.SignedInClientAsync(Personas.CitizenMario);
        var created = await mario.PostFormAsync("/area-personale/deleghe", "/area-personale/deleghe?handler=Create", new Dictionary<string, string>
        {
            ["DelegateTaxCode"] = Giulia,
            ["AllServices"] = "false",
            ["Services"] = "tari, nidi",
            ["ExpiresOn"] = InDays(30),
        });

        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        Guid id;
        await using (var scope = platform.Services.CreateAsyncScope())
        {
            var delegation = await scope.ServiceProvider.GetRequiredService<IdentityDb>().Delegations.SingleAsync(d => d.DelegatorTaxCode == Personas.CitizenMario);
            delegation.DelegateTaxCode.ShouldBe(Giulia);
            delegation.Services.ShouldBe("tari,nidi");
            id = delegation.Id;
            (await scope.ServiceProvider.GetRequiredService<KernelDb>().AuditEntries
                .AnyAsync(a => a.Action == "identity.delegation.created" && a.Actor == Personas.CitizenMario && a.Subject == Giulia)).ShouldBeTrue();
        }

        (await WithApiAsync(api => api.MayActForAsync(Giulia, Personas.CitizenMario, "tari"))).ShouldBeTrue();
        (await WithApiAsync(api => api.MayActForAsync(Giulia, Personas.CitizenMario, "permessi-ztl"))).ShouldBeFalse();

        // The delegate signs in (afterwards) and acts for Mario: the audit carries both.
        var giulia = await platform.SignedInClientAsync(Giulia);
        (await giulia.GetStringAsync("/area-personale/rappresentanza")).ShouldContain("Mario Rossi");
        var acting = await giulia.PostFormAsync("/area-personale/rappresentanza", "/area-personale/rappresentanza",
            new Dictionary<string, string> { ["representedId"] = Personas.CitizenMario });
        acting.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await giulia.GetStringAsync("/area-personale")).ShouldContain("Agisci per Mario Rossi");
        await using (var scope = platform.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<KernelDb>().AuditEntries
                .AnyAsync(a => a.Action == "identity.acting.on-behalf" && a.Actor == Giulia && a.OnBehalfOf == Personas.CitizenMario)).ShouldBeTrue();
        }

        var revoked = await mario.PostFormAsync("/area-personale/deleghe", "/area-personale/deleghe?handler=Revoke", new Dictionary<string, string> { ["id"] = id.ToString() });

        revoked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await WithApiAsync(api => api.MayActForAsync(Giulia, Personas.CitizenMario, "tari"))).ShouldBeFalse();
        // The running session stops acting for Mario at its next request.
        (await giulia.GetStringAsync("/area-personale")).ShouldContain("Agisci per te stesso");
        (await giulia.GetStringAsync("/area-personale/rappresentanza")).ShouldNotContain("Mario Rossi");
        var again = await giulia.PostFormAsync("/area-personale/rappresentanza", "/area-personale/rappresentanza",
            new Dictionary<string, string> { ["representedId"] = Personas.CitizenMario });
        again.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task An_expired_delegation_is_ignored()
    {
        const string anna = "NREANN70D45D612O";
        await using (var scope = platform.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
            db.Delegations.Add(new Delegation
            {
                Id = Guid.NewGuid(),
                DelegatorTaxCode = anna,
                DelegatorName = "Anna Neri",
                DelegateTaxCode = Personas.FirenzeOperator,
                CreatedAt = DateTimeOffset.UtcNow.AddDays(-40),
                ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1),
            });
            await db.SaveChangesAsync();
        }

        (await WithApiAsync(api => api.MayActForAsync(Personas.FirenzeOperator, anna))).ShouldBeFalse();
        var marco = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        (await marco.GetStringAsync("/area-personale/rappresentanza")).ShouldNotContain("Anna Neri");
        var response = await marco.PostFormAsync("/area-personale/rappresentanza", "/area-personale/rappresentanza",
            new Dictionary<string, string> { ["representedId"] = anna });
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task A_delegation_to_an_invalid_codice_fiscale_is_refused_in_italian_and_nothing_is_saved()
    {
        var paola = await platform.SignedInClientAsync(Personas.PratoAdmin);
        var response = await paola.PostFormAsync("/area-personale/deleghe", "/area-personale/deleghe?handler=Create", new Dictionary<string, string>
        {
            ["DelegateTaxCode"] = "ABC",
            ["AllServices"] = "true",
            ["ExpiresOn"] = InDays(10),
        });

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Il codice fiscale deve avere 16 caratteri");
        await using var scope = platform.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<IdentityDb>().Delegations.AnyAsync(d => d.DelegatorTaxCode == Personas.PratoAdmin)).ShouldBeFalse();
    }
}
