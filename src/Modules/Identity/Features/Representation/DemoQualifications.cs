using Microsoft.EntityFrameworkCore;
using PenToscana.Contracts.Identity;
using PenToscana.Kernel.Modules;
using PenToscana.Modules.Identity.Data;

namespace PenToscana.Modules.Identity.Features.Representation;

/// <summary>Demo companies and professional orders, and who is qualified for them.</summary>
internal static class DemoQualifications
{
    public const string VerdiCostruzioniVat = "01234567897";

    public static readonly (string TaxCode, string Kind, string Subject, string SubjectName)[] All =
    [
        ("VRDLCU75C10D612T", QualificationKinds.LegalRepresentative, VerdiCostruzioniVat, "Verdi Costruzioni S.r.l."),
        ("VRDLCU75C10D612T", QualificationKinds.ProfessionalRegister, "Ordine degli Ingegneri della Provincia di Firenze", "Ordine degli Ingegneri della Provincia di Firenze"),
    ];
}

/// <summary>Seeds the demo qualifications after the demo people.</summary>
internal sealed class DemoQualificationsSeeder(IdentityDb db, TimeProvider time) : IDemoSeeder
{
    public int Order => 11;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var known = await db.Qualifications.Select(q => q.PersonTaxCode + "|" + q.Kind + "|" + q.Subject).ToListAsync(cancellationToken);
        foreach (var (taxCode, kind, subject, name) in DemoQualifications.All.Where(q => !known.Contains(q.TaxCode + "|" + q.Kind + "|" + q.Subject)))
        {
            db.Qualifications.Add(new Qualification
            {
                Id = Guid.CreateVersion7(now),
                PersonTaxCode = taxCode,
                Kind = kind,
                Subject = subject,
                SubjectName = name,
                Source = "dati dimostrativi",
                VerifiedAt = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
