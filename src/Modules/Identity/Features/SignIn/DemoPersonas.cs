using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Modules;
using PenToscana.Kernel.Tenancy;
using PenToscana.Kernel.Users;
using PenToscana.Modules.Identity.Data;

namespace PenToscana.Modules.Identity.Features.SignIn;

/// <summary>A demo person offered by the development sign-in, with the roles seeded for them.</summary>
internal sealed record DemoPersona(string TaxCode, string GivenName, string FamilyName, string Email, string Description, (string Ipa, string Role)[] Roles);

internal static class DemoPersonas
{
    public static readonly DemoPersona[] All =
    [
        new("RSSMRA80A01D612Y", "Mario", "Rossi", "mario.rossi@example.it", "Cittadino residente a Firenze", []),
        new("VRDLCU75C10D612T", "Luca", "Verdi", "luca.verdi@example.it", "Legale rappresentante di Verdi Costruzioni S.r.l.", []),
        new("BNCGLI85M52G999P", "Giulia", "Bianchi", "giulia.bianchi@example.it", "Cittadina residente a Prato", []),
        new("NREANN70D45D612O", "Anna", "Neri", "anna.neri@comune.fi.it", "Amministratrice del Comune di Firenze",
            [(DemoBodiesSeeder.Firenze, PlatformRoles.BodyAdmin), (DemoBodiesSeeder.Firenze, PlatformRoles.ResponsibleOfficial)]),
        new("BRNMRC82H15D612F", "Marco", "Bruni", "marco.bruni@comune.fi.it", "Operatore dell'URP del Comune di Firenze",
            [(DemoBodiesSeeder.Firenze, PlatformRoles.OfficeOperator), (DemoBodiesSeeder.Firenze, PlatformRoles.ProtocolOfficer)]),
        new("GLLPLA78E20G999N", "Paola", "Galli", "paola.galli@comune.prato.it", "Amministratrice del Comune di Prato",
            [(DemoBodiesSeeder.Prato, PlatformRoles.BodyAdmin), (DemoBodiesSeeder.Prato, PlatformRoles.OfficeOperator)]),
        new("CLMFNC81S50D612T", "Francesca", "Colombo", "francesca.colombo@regione.toscana.it", "Amministratrice della Regione Toscana",
            [(DemoBodiesSeeder.Regione, PlatformRoles.BodyAdmin)]),
        new("FRNLRA90B41G999V", "Laura", "Ferrini", "laura.ferrini@uslcentro.toscana.it", "Operatrice dell'Azienda USL Toscana Centro",
            [(DemoBodiesSeeder.UslCentro, PlatformRoles.BodyAdmin), (DemoBodiesSeeder.UslCentro, PlatformRoles.OfficeOperator)]),
        new("BLUSRA79T60D612U", "Sara", "Blu", "sara.blu@regione.toscana.it", "Amministratrice della piattaforma",
            [(DemoBodiesSeeder.Regione, PlatformRoles.PlatformAdmin)]),
    ];
}

/// <summary>Seeds the demo people and their role grants (after the kernel has seeded the bodies).</summary>
internal sealed class DemoPeopleSeeder(IdentityDb db, KernelDb kernel, TimeProvider time) : IDemoSeeder
{
    public int Order => 10;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var bodies = await kernel.Enti.AsNoTracking().ToDictionaryAsync(e => e.IpaCode, e => e.Id, cancellationToken);
        var known = await db.People.Select(p => p.TaxCode).ToListAsync(cancellationToken);
        foreach (var persona in DemoPersonas.All.Where(p => !known.Contains(p.TaxCode)))
        {
            db.People.Add(new Person { TaxCode = persona.TaxCode, GivenName = persona.GivenName, FamilyName = persona.FamilyName, Email = persona.Email, CreatedAt = now });
            foreach (var (ipa, role) in persona.Roles)
            {
                if (bodies.TryGetValue(ipa, out var enteId))
                {
                    db.RoleGrants.Add(new RoleGrant { Id = Guid.CreateVersion7(now), EnteId = enteId, PersonTaxCode = persona.TaxCode, Role = role, GrantedAt = now, GrantedBy = "seed" });
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
