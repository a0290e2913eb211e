using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Calendar;
using PenToscana.Kernel.Modules;
using PenToscana.Modules.Payments.Data;
using PenToscana.Modules.Payments.Domain;
using PenToscana.Modules.Payments.Features.Bodies;
using PenToscana.Modules.Payments.Features.CreatePosition;

namespace PenToscana.Modules.Payments;

/// <summary>Demo pagoPA settings, services, a small vehicle register and positions for Mario Rossi in three bodies.</summary>
internal sealed class PaymentsDemoSeeder(PaymentsDb db, BodyDirectory bodies, CreatePositionHandler create, TimeProvider time) : IDemoSeeder
{
    public const string Mario = "RSSMRA80A01D612Y";
    public const string VerdiCostruzioni = "01234567897";

    public int Order => 50;

    private sealed record BodySeed(string Ipa, string Code, string Bban, string? PostalAccount, string? Cbill, string Office, (string Code, string Name, string Category, bool Spontaneous, long? Fixed)[] Services);

    private static readonly BodySeed[] Seeds =
    [
        new("r_toscan", "01", "X0306902887100000046001", "000012345678", "A1B2C", "Settore Tributi regionali",
            [("BOLLO", "Tassa automobilistica (bollo auto)", "9/0301105TS/", true, null),
             ("PESCA", "Licenza di pesca nelle acque interne", "9/0301106TS/", true, 3400),
             ("CACCIA", "Tassa di concessione regionale per la caccia", "9/0301106TS/", true, 8400)]),
        new("c_d612", "02", "X0200802837000041306111", "000087654321", "FI123", "Direzione Risorse Finanziarie",
            [("MULTE", "Sanzioni al Codice della strada", "9/0102100SA/", false, null),
             ("TARI", "Tassa sui rifiuti (TARI)", "9/0101101IM/", false, null)]),
        new("c_g999", "03", "X0623021500000046501234", null, null, "Servizi educativi",
            [("MENSA", "Mensa scolastica", "9/0107101TS/", true, null),
             ("LAMPADE", "Lampade votive", "9/0114100TS/", false, null)]),
        new("usl_tc", "04", "X0503402801000000001234", null, "US001", "Ufficio Ticket",
            [("TICKET", "Ticket sanitario", "9/0501100TS/", false, null)]),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        foreach (var seed in Seeds)
        {
            var body = await bodies.ByIpaAsync(seed.Ipa, cancellationToken);
            if (body is null)
            {
                continue;
            }

            if (!await db.Settings.AnyAsync(s => s.EnteId == body.Id, cancellationToken))
            {
                db.Settings.Add(new BodyPaymentSettings
                {
                    Id = Guid.CreateVersion7(),
                    EnteId = body.Id,
                    Code = seed.Code,
                    Iban = Iban("IT", seed.Bban),
                    PostalAccount = seed.PostalAccount,
                    Cbill = seed.Cbill,
                    OfficeName = seed.Office,
                });
            }

            foreach (var s in seed.Services)
            {
                if (!await db.Services.AnyAsync(x => x.EnteId == body.Id && x.Code == s.Code, cancellationToken))
                {
                    db.Services.Add(new PaymentService { Id = Guid.CreateVersion7(), EnteId = body.Id, Code = s.Code, Name = s.Name, Category = s.Category, Spontaneous = s.Spontaneous, FixedAmountCents = s.Fixed });
                }
            }
        }

        if (!await db.Vehicles.AnyAsync(cancellationToken))
        {
            db.Vehicles.AddRange(
                new DemoVehicle { Plate = "GF123AB", OwnerTaxCode = Mario, Model = "Fiat Panda 1.2", KiloWatts = 51, AnnualTaxCents = 13260 },
                new DemoVehicle { Plate = "FT456CD", OwnerTaxCode = Mario, Model = "Volkswagen Golf 1.6 TDI", KiloWatts = 85, AnnualTaxCents = 22100 },
                new DemoVehicle { Plate = "EZ789EF", OwnerTaxCode = "VRDLCU75C10D612T", Model = "Ford Transit", KiloWatts = 96, AnnualTaxCents = 27840 });
        }

        await db.SaveChangesAsync(cancellationToken);
        await SeedPositionsAsync(cancellationToken);
    }

    private async Task SeedPositionsAsync(CancellationToken ct)
    {
        var today = time.TodayInItaly();
        int year = today.Year;
        await CreateAsync("r_toscan", "demo-bollo-2026", new CreatePositionRequest(new DebtorInput(Mario, "Mario Rossi"),
            $"Tassa automobilistica {year} targa FT456CD", 22100, today.AddDays(30), ServiceCode: "BOLLO"), ct);
        await CreateAsync("usl_tc", "demo-ticket-1", new CreatePositionRequest(new DebtorInput(Mario, "Mario Rossi"),
            "Ticket visita specialistica cardiologica", 3615, today.AddDays(20), ServiceCode: "TICKET"), ct);
        await CreateAsync("c_d612", "demo-multa-1", new CreatePositionRequest(new DebtorInput(Mario, "Mario Rossi"),
            "Verbale n. 2026/004512 - art. 7 CdS (sosta vietata)",
            Options:
            [
                new OptionInput([new InstalmentInput(2940, today.AddDays(5), "Verbale 2026/004512 - importo ridotto entro 5 giorni")], "Importo ridotto (entro 5 giorni dalla notifica)"),
                new OptionInput([new InstalmentInput(4200, today.AddDays(60), "Verbale 2026/004512 - importo intero")], "Importo intero (entro 60 giorni)"),
            ],
            ServiceCode: "MULTE"), ct);
        await CreateAsync("c_d612", "demo-tari-2026", new CreatePositionRequest(new DebtorInput(Mario, "Mario Rossi"),
            $"TARI {year} - utenza domestica via dei Servi 12",
            Options:
            [
                new OptionInput([new InstalmentInput(31200, today.AddDays(45))], "Pagamento in unica soluzione"),
                new OptionInput([new InstalmentInput(10400, today.AddDays(45)), new InstalmentInput(10400, today.AddDays(105)), new InstalmentInput(10400, today.AddDays(165))], "Pagamento in 3 rate"),
            ],
            ServiceCode: "TARI"), ct);
        await CreateAsync("c_g999", "demo-mensa-2026", new CreatePositionRequest(new DebtorInput(Mario, "Mario Rossi"),
            $"Mensa scolastica a.s. {year}/{year + 1} - Luca Rossi",
            Options: [new OptionInput([new InstalmentInput(9000, today.AddDays(15)), new InstalmentInput(9000, today.AddDays(75)), new InstalmentInput(9000, today.AddDays(135))], "Rette in 3 rate")],
            ServiceCode: "MENSA"), ct);
        await CreateAsync("c_g999", "demo-lampade-2026", new CreatePositionRequest(new DebtorInput(Mario, "Mario Rossi"),
            $"Lampade votive {year} - cimitero della Misericordia", 2500, today.AddDays(40), ServiceCode: "LAMPADE"), ct);
        await CreateAsync("c_d612", "demo-tari-verdi", new CreatePositionRequest(new DebtorInput(VerdiCostruzioni, "Verdi Costruzioni S.r.l."),
            $"TARI {year} - utenza non domestica via Baracca 80", 184500, today.AddDays(45), ServiceCode: "TARI"), ct);
        await CreateAsync("c_g999", "demo-mensa-delegato", new CreatePositionRequest(new DebtorInput("BNCGNN85M41G999E", "Giovanna Bianchi"),
            $"Mensa scolastica a.s. {year}/{year + 1} - Sara Bianchi", 18000, today.AddDays(25), ServiceCode: "MENSA", DelegatedPayers: [Mario]), ct);
    }

    private async Task CreateAsync(string ipa, string key, CreatePositionRequest request, CancellationToken ct)
    {
        var body = await bodies.ByIpaAsync(ipa, ct);
        if (body is null)
        {
            return;
        }

        var result = await create.HandleAsync(body, request with { SourceKey = key }, ct);
        if (result.IsFailure)
        {
            throw new InvalidOperationException($"Demo position {key}: {result.Error.Message}");
        }
    }

    /// <summary>An IBAN with its ISO 13616 check digits computed for the given country and BBAN.</summary>
    internal static string Iban(string country, string bban)
    {
        string numeric = string.Concat((bban + country + "00").Select(c => char.IsAsciiDigit(c) ? c.ToString() : (c - 'A' + 10).ToString(CultureInfo.InvariantCulture)));
        int remainder = 0;
        foreach (char c in numeric)
        {
            remainder = ((remainder * 10) + (c - '0')) % 97;
        }

        return country + (98 - remainder).ToString("D2", CultureInfo.InvariantCulture) + bban;
    }
}
