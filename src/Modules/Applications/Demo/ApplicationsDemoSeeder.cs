using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Modules;
using PenToscana.Kernel.Tenancy;
using PenToscana.Modules.Applications.Data;
using PenToscana.Modules.Applications.Forms;

namespace PenToscana.Modules.Applications.Demo;

/// <summary>The demo services and their forms: a nursery enrolment in Firenze, access to records at the Region, and more.</summary>
internal sealed class ApplicationsDemoSeeder(ApplicationsDb db, KernelDb kernel, TimeProvider time) : IDemoSeeder
{
    public int Order => 30;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var bodies = await kernel.Enti.AsNoTracking().ToListAsync(cancellationToken);
        var existing = await db.Services.AsNoTracking().Select(s => new { s.EnteId, s.Slug }).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        foreach (var (ipa, service, form) in DemoServices.All(bodies.Select(b => b.IpaCode)))
        {
            var body = bodies.SingleOrDefault(b => b.IpaCode == ipa);
            if (body is null || existing.Any(e => e.EnteId == body.Id && e.Slug == service.Slug))
            {
                continue;
            }

            service.Id = Guid.CreateVersion7(now);
            service.EnteId = body.Id;
            service.CreatedAt = now;
            db.Services.Add(service);
            var json = form.ToJson();
            db.FormVersions.Add(new FormVersion
            {
                Id = Guid.CreateVersion7(now),
                EnteId = body.Id,
                ServiceId = service.Id,
                Number = 1,
                Json = json,
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json))),
                CreatedAt = now,
                PublishedAt = now,
                CreatedBy = "seed",
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}

internal static class DemoServices
{
    public const string NurserySlug = "iscrizione-nido";

    public static IEnumerable<(string Ipa, Service Service, FormDefinition Form)> All(IEnumerable<string> bodies)
    {
        yield return (DemoBodiesSeeder.Firenze, Nursery(), NurseryForm());
        yield return (DemoBodiesSeeder.Regione, Card("accesso-atti", "Richiesta di accesso agli atti", "Partecipazione e trasparenza",
            "Chiedere di prendere visione o avere copia di documenti amministrativi della Regione (accesso documentale).",
            "Chiunque abbia un interesse diretto, concreto e attuale, corrispondente a una situazione giuridicamente tutelata e collegata al documento.",
            "URP", "Ufficio Relazioni con il Pubblico", "Francesca Colombo", "L. 241/1990 artt. 22-28; DPR 184/2006", 30, false,
            "Gratuito per la visione; per le copie il rimborso del costo di riproduzione."), AccessForm());
        yield return (DemoBodiesSeeder.Prato, Card("certificato-anagrafico", "Certificato anagrafico", "Anagrafe e stato civile",
            "Richiedere un certificato anagrafico (residenza, stato di famiglia, cittadinanza) da ricevere per posta elettronica.",
            "Chiunque, per sé o per altre persone residenti a Prato.", "URP", "URP Multiente", "Paola Galli", "DPR 223/1989 art. 33; DPR 445/2000",
            5, false, "Imposta di bollo di 16,00 € salvo esenzioni; diritti di segreteria 0,26 € per copia. Si pagano con pagoPA dopo l'invio: la domanda prosegue appena il pagamento è registrato."), CertificateForm());
        yield return (DemoBodiesSeeder.UslCentro, Card("esenzione-ticket-reddito", "Richiesta esenzione ticket per reddito", "Salute",
            "Chiedere l'esenzione dal ticket sanitario per motivi di reddito (codici E01-E04).",
            "Assistiti dell'Azienda USL Toscana Centro in possesso dei requisiti di reddito.", "TICK", "Ufficio Ticket ed esenzioni", "Laura Ferrini",
            "L. 537/1993 art. 8 c. 16; DM 11/12/2009", 30, true, "Gratuito."), ExemptionForm());
        foreach (var ipa in bodies)
        {
            yield return (ipa, Card("istanza-generica", "Istanza generica", "Servizi generali",
                "Presentare all'ente una domanda, una comunicazione o una segnalazione per cui non esiste un servizio specifico.",
                "Cittadini, imprese e associazioni.", "URP", "Ufficio Relazioni con il Pubblico", "Responsabile dell'URP",
                "L. 241/1990; D.Lgs 82/2005 art. 65", 30, false, "Gratuito."), GenericForm());
        }
    }

    private static Service Card(string slug, string title, string category, string summary, string who, string officeCode, string officeName,
        string official, string legal, int termDays, bool silentAssent, string costs)
        => new()
        {
            Slug = slug,
            Title = title,
            Category = category,
            Summary = summary,
            WhoMayApply = who,
            HowTo = "Accedi con SPID o CIE, compila il modulo online passo per passo, controlla il riepilogo e invia. Ricevi subito la ricevuta con il numero di protocollo.",
            DocumentsNeeded = "Un documento d'identità non serve se accedi con SPID o CIE. Tieni a portata di mano gli eventuali allegati indicati nel modulo.",
            Costs = costs,
            TermDays = termDays,
            SilentAssent = silentAssent,
            OfficeCode = officeCode,
            OfficeName = officeName,
            ResponsibleOfficial = official,
            LegalBasis = legal,
            Contacts = $"{officeName} — sportello aperto dal lunedì al venerdì, 9:00-13:00",
            SpidLevel = 2,
        };

    private static Service Nursery()
    {
        var s = Card(NurserySlug, "Iscrizione al nido d'infanzia", "Educazione e formazione",
            "Iscrivere una bambina o un bambino da 3 a 36 mesi ai nidi d'infanzia comunali per l'anno educativo 2026/2027.",
            "Genitori o tutori di bambine e bambini residenti a Firenze nati dal 1° gennaio 2024.",
            "URP", "URP - Ufficio Relazioni con il Pubblico", "Anna Neri", "L.R. Toscana 32/2002; Regolamento comunale dei servizi educativi", 30, false,
            "La domanda è gratuita. La retta mensile dipende dall'ISEE.");
        s.ResponsibleOfficialTaxCode = "NREANN70D45D612O";
        s.DocumentsNeeded = "Attestazione ISEE in corso di validità (numero di protocollo INPS); per i bambini con disabilità, la certificazione in PDF.";
        return s;
    }

    private static FormField F(string key, string label, string type, bool required = false) => new() { Key = key, Label = label, Type = type, Required = required };

    private static readonly string[] Nurseries =
    [
        "Nido Il Girasole (Quartiere 1)", "Nido L'Aquilone (Quartiere 2)", "Nido Il Pettirosso (Quartiere 3)",
        "Nido La Coccinella (Quartiere 4)", "Nido Il Melograno (Quartiere 5)", "Nido Pollicino (Quartiere 5)",
    ];

    internal static FormDefinition NurseryForm() => new()
    {
        Title = "Iscrizione al nido d'infanzia",
        AllowSignedAttachment = true,
        Steps =
        [
            new FormStep
            {
                Key = "richiedente", Title = "Dati del genitore richiedente", Description = "I dati della tua identità digitale non sono modificabili.",
                Fields =
                [
                    F("nome", "Nome", FieldTypes.Text, true) with { Prefill = "givenName", ReadOnly = true },
                    F("cognome", "Cognome", FieldTypes.Text, true) with { Prefill = "familyName", ReadOnly = true },
                    F("codiceFiscale", "Codice fiscale", FieldTypes.TaxCode, true) with { Prefill = "taxCode", ReadOnly = true },
                    F("email", "E-mail", FieldTypes.Email, true) with { Prefill = "email" },
                    F("telefono", "Telefono", FieldTypes.Phone, true),
                    F("indirizzo", "Indirizzo di residenza", FieldTypes.Address, true) with { Hint = "Via, numero civico, CAP e comune" },
                ],
            },
            new FormStep
            {
                Key = "bambino", Title = "Dati della bambina o del bambino",
                Fields =
                [
                    F("bambinoNome", "Nome", FieldTypes.Text, true),
                    F("bambinoCognome", "Cognome", FieldTypes.Text, true),
                    F("bambinoCodiceFiscale", "Codice fiscale", FieldTypes.TaxCode, true),
                    F("bambinoNascita", "Data di nascita", FieldTypes.Date, true) with { MinDate = "2024-01-01", MaxDate = "today" },
                    F("disabilita", "Bambina o bambino con disabilità certificata", FieldTypes.YesNo, true),
                    F("certificazione", "Certificazione della disabilità", FieldTypes.File) with
                    {
                        ShowIf = new Condition { Field = "disabilita", EqualTo = "si" }, RequiredIf = new Condition { Field = "disabilita", EqualTo = "si" },
                        Accept = [".pdf"], MaxSizeKb = 5120, Hint = "PDF, al massimo 5 MB",
                    },
                ],
            },
            new FormStep
            {
                Key = "famiglia", Title = "Altro genitore e ISEE",
                Fields =
                [
                    F("altroGenitore", "Altro genitore", FieldTypes.Group) with
                    {
                        ItemLabel = "genitore", MaxItems = 1, Hint = "Indica l'altro genitore, se presente nel nucleo familiare.",
                        Fields = [F("nome", "Nome", FieldTypes.Text, true), F("cognome", "Cognome", FieldTypes.Text, true), F("codiceFiscale", "Codice fiscale", FieldTypes.TaxCode, true)],
                    },
                    F("isee", "Valore ISEE", FieldTypes.Money, true) with { Min = 0, Max = 500000, Hint = "In euro, ad esempio 18.500,00" },
                    F("iseeProtocollo", "Numero di protocollo dell'attestazione ISEE", FieldTypes.Text, true) with
                    {
                        Pattern = "INPS-ISEE-[0-9]{4}-[0-9A-Z-]{5,20}", PatternMessage = "Il numero è nel formato INPS-ISEE-2026-XXXXXXXXX-XX, come riportato sull'attestazione.",
                    },
                ],
            },
            new FormStep
            {
                Key = "preferenze", Title = "Nidi preferiti", Description = "Indica fino a tre nidi in ordine di preferenza.",
                Fields =
                [
                    F("nidi", "Nidi scelti in ordine di preferenza", FieldTypes.Group, true) with
                    {
                        ItemLabel = "preferenza", MinItems = 1, MaxItems = 3,
                        Fields = [F("nido", "Nido", FieldTypes.Choice, true) with { Options = Nurseries }],
                    },
                    F("orario", "Orario richiesto", FieldTypes.Choice, true) with { Options = ["Tempo corto (7:30-13:30)", "Tempo lungo (7:30-17:30)"] },
                ],
            },
        ],
    };

    private static FormDefinition AccessForm() => new()
    {
        Title = "Richiesta di accesso agli atti",
        Steps =
        [
            new FormStep
            {
                Key = "richiedente", Title = "Richiedente",
                Fields =
                [
                    F("nomeCognome", "Nome e cognome", FieldTypes.Text, true) with { Prefill = "fullName", ReadOnly = true },
                    F("codiceFiscale", "Codice fiscale", FieldTypes.TaxCode, true) with { Prefill = "taxCode", ReadOnly = true },
                    F("email", "E-mail", FieldTypes.Email, true) with { Prefill = "email" },
                    F("perConto", "Presenti la richiesta per conto di un'impresa?", FieldTypes.YesNo, true),
                    F("partitaIva", "Partita IVA dell'impresa", FieldTypes.VatNumber) with
                    {
                        Prefill = "company", ShowIf = new Condition { Field = "perConto", EqualTo = "si" }, RequiredIf = new Condition { Field = "perConto", EqualTo = "si" },
                    },
                ],
            },
            new FormStep
            {
                Key = "richiesta", Title = "Documenti richiesti",
                Fields =
                [
                    F("documenti", "Documenti di cui chiedi l'accesso", FieldTypes.LongText, true) with { Hint = "Indica gli estremi (numero, data, oggetto) se li conosci." },
                    F("motivazione", "Interesse diretto, concreto e attuale", FieldTypes.LongText, true),
                    F("modalita", "Modalità di accesso", FieldTypes.MultiChoice, true) with { Options = ["Visione", "Copia semplice", "Copia conforme"] },
                ],
            },
        ],
    };

    private static FormDefinition CertificateForm() => new()
    {
        Title = "Richiesta di certificato anagrafico",
        Steps =
        [
            new FormStep
            {
                Key = "richiesta", Title = "Certificato",
                Fields =
                [
                    F("codiceFiscale", "Codice fiscale del richiedente", FieldTypes.TaxCode, true) with { Prefill = "taxCode", ReadOnly = true },
                    F("intestatario", "Codice fiscale della persona a cui si riferisce il certificato", FieldTypes.TaxCode, true) with { Prefill = "taxCode" },
                    F("tipo", "Tipo di certificato", FieldTypes.Choice, true) with { Options = ["Residenza", "Stato di famiglia", "Cittadinanza", "Contestuale"] },
                    F("uso", "Uso", FieldTypes.Choice, true) with { Options = ["In bollo", "Esente da bollo"] },
                    F("esenzione", "Motivo dell'esenzione dal bollo", FieldTypes.Text) with { RequiredIf = new Condition { Field = "uso", EqualTo = "Esente da bollo" } },
                    F("copie", "Numero di copie", FieldTypes.Number, true) with { Min = 1, Max = 5 },
                    F("bollo", "Imposta di bollo (16,00 €)", FieldTypes.Computed) with
                    {
                        ShowIf = new Condition { Field = "uso", EqualTo = "In bollo" }, Compute = new Computation { BaseCents = 1600, Payable = true },
                    },
                    F("diritti", "Diritti di segreteria (0,26 € per copia)", FieldTypes.Computed) with { Compute = new Computation { PerItemCents = 26, TimesField = "copie", Payable = true } },
                ],
            },
        ],
    };

    private static FormDefinition ExemptionForm() => new()
    {
        Title = "Richiesta esenzione ticket per reddito",
        Steps =
        [
            new FormStep
            {
                Key = "assistito", Title = "Assistito",
                Fields =
                [
                    F("codiceFiscale", "Codice fiscale", FieldTypes.TaxCode, true) with { Prefill = "taxCode", ReadOnly = true },
                    F("nascita", "Data di nascita", FieldTypes.Date, true) with { Prefill = "birthDate", ReadOnly = true },
                    F("codice", "Codice di esenzione", FieldTypes.Choice, true) with
                    {
                        Options = ["E01 - età inferiore a 6 o superiore a 65 anni e reddito familiare fino a 36.151,98 €", "E02 - disoccupato e familiari a carico", "E03 - titolare di assegno sociale", "E04 - titolare di pensione al minimo oltre 60 anni"],
                    },
                    F("reddito", "Reddito complessivo del nucleo familiare", FieldTypes.Money, true) with { Min = 0 },
                    F("iban", "IBAN per eventuali rimborsi", FieldTypes.Iban),
                ],
            },
        ],
    };

    private static FormDefinition GenericForm() => new()
    {
        Title = "Istanza generica",
        Steps =
        [
            new FormStep
            {
                Key = "istanza", Title = "La tua istanza",
                Fields =
                [
                    F("codiceFiscale", "Codice fiscale", FieldTypes.TaxCode, true) with { Prefill = "taxCode", ReadOnly = true },
                    F("email", "E-mail", FieldTypes.Email, true) with { Prefill = "email" },
                    F("oggetto", "Oggetto", FieldTypes.Text, true) with { MaxLength = 200 },
                    F("testo", "Testo dell'istanza", FieldTypes.LongText, true),
                    F("allegato", "Allegato", FieldTypes.File) with { Accept = [".pdf", ".jpg", ".png", ".p7m"], MaxSizeKb = 10240 },
                ],
            },
        ],
    };
}
