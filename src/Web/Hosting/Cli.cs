using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Audit;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Jobs;
using PenToscana.Kernel.Modules;
using PenToscana.Kernel.Outbox;

namespace PenToscana.Web.Hosting;

/// <summary>The same executable answers administration verbs: <c>PenToscana.Web db migrate</c>, <c>audit verify</c>, …</summary>
internal static class Cli
{
    private static readonly string[] Verbs = ["db", "seed", "audit", "jobs", "invoice", "help", "--help", "-h"];

    private const string Help =
        """
        PenToscana — piattaforma dei servizi online degli enti toscani

        Uso:  PenToscana.Web [verbo] [opzioni di configurazione]
              (senza verbo avvia il server web)

        Verbi:
          db migrate        applica le migrazioni di tutti i moduli al database configurato
          db status         elenca le migrazioni applicate e da applicare
          seed demo         inserisce gli enti, gli uffici e le persone dimostrative (idempotente)
          audit verify      verifica la catena hash del registro di audit e indica la prima voce alterata
          jobs list         elenca i lavori pianificati e i messaggi in uscita in attesa o falliti
          jobs run NOME     esegue subito il lavoro pianificato NOME
          invoice validate FILE... [--json]
                            verifica fatture elettroniche (XSD e controlli SdI); codice 1 se ci sono errori
          help              mostra questo aiuto

        Le opzioni di configurazione si passano come --Database:Provider=postgres
        --Database:ConnectionString="Host=…;Database=…" oppure con variabili d'ambiente Database__Provider.
        Codici di uscita: 0 riuscito, 1 verifica fallita, 2 errore di configurazione o di database.
        """;

    public static (string[]? Verb, string[] HostArgs) Split(string[] args)
    {
        if (args.Length > 0 && args[0] == "invoice")
        {
            // Every argument belongs to the verb (file names, --json); the verb needs no configuration.
            return (args, []);
        }

        if (args.Length > 0 && Verbs.Contains(args[0], StringComparer.OrdinalIgnoreCase))
        {
            var verb = args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal) || a is "--help").ToArray();
            return (verb, args.Skip(verb.Length).ToArray());
        }

        return (null, args);
    }

    public static async Task<int> RunAsync(WebApplication app, string[] verb)
    {
        var ct = CancellationToken.None;
        if (verb.Length > 0 && verb[0] == "invoice")
        {
            return PenToscana.Modules.Invoicing.Features.ValidateInvoice.InvoiceCli.Run(verb[1..], Console.Out, Console.Error);
        }

        string command = string.Join(' ', verb).ToLowerInvariant();
        try
        {
            switch (command)
            {
                case "db migrate":
                    await DatabaseStartup.MigrateAsync(app.Services, ct);
                    Console.WriteLine("Migrazioni applicate.");
                    return 0;
                case "db status":
                    return await StatusAsync(app.Services, ct);
                case "seed demo":
                    await DatabaseStartup.SeedDemoAsync(app.Services, ct);
                    Console.WriteLine("Dati dimostrativi presenti.");
                    return 0;
                case "audit verify":
                    return await VerifyAuditAsync(app.Services, ct);
                case "jobs list":
                    return await ListJobsAsync(app.Services, ct);
                default:
                    if (verb.Length == 3 && command.StartsWith("jobs run ", StringComparison.Ordinal))
                    {
                        return await RunJobAsync(app.Services, verb[2], ct);
                    }

                    Console.WriteLine(Help);
                    return command is "help" or "--help" or "-h" ? 0 : 2;
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await Console.Error.WriteLineAsync($"Errore: {ex.GetBaseException().Message}\nControllare 'Database:Provider' e 'Database:ConnectionString'.");
            return 2;
        }
    }

    private static async Task<int> StatusAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        foreach (var descriptor in scope.ServiceProvider.GetServices<ModuleDbDescriptor>())
        {
            var db = (DbContext)scope.ServiceProvider.GetRequiredService(descriptor.DbType);
            var applied = await db.Database.GetAppliedMigrationsAsync(ct);
            var pending = await db.Database.GetPendingMigrationsAsync(ct);
            Console.WriteLine($"{descriptor.DbType.Name}: {applied.Count()} applicate, {pending.Count()} da applicare {string.Join(", ", pending)}");
        }

        return 0;
    }

    private static async Task<int> VerifyAuditAsync(IServiceProvider services, CancellationToken ct)
    {
        var audit = services.GetRequiredService<AuditLog>();
        var result = await audit.VerifyAsync(new Progress<long>(n => Console.Error.Write($"\rVoci verificate: {n}")), ct);
        Console.Error.WriteLine();
        if (result.IsIntact)
        {
            Console.WriteLine($"Catena integra: {result.EntriesChecked} voci verificate.");
            return 0;
        }

        Console.WriteLine($"CATENA INTERROTTA alla voce n. {result.FirstBrokenSequence}: {result.Problem}");
        return 1;
    }

    private static async Task<int> ListJobsAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var kernel = scope.ServiceProvider.GetRequiredService<KernelDb>();
        await services.GetRequiredService<JobRunner>().EnsureRegisteredAsync(ct);
        Console.WriteLine("Lavori pianificati:");
        foreach (var job in await kernel.ScheduledJobs.AsNoTracking().OrderBy(j => j.Name).ToListAsync(ct))
        {
            Console.WriteLine($"  {job.Name,-20} {job.Schedule,-24} prossima: {job.NextRunAt:yyyy-MM-dd HH:mm} UTC  ultimo esito: {job.LastStatus}");
        }

        Console.WriteLine("Messaggi in uscita non consegnati:");
        foreach (var descriptor in scope.ServiceProvider.GetServices<ModuleDbDescriptor>())
        {
            var db = (ModuleDb)scope.ServiceProvider.GetRequiredService(descriptor.DbType);
            int pending = await db.Outbox.CountAsync(m => m.Status == OutboxStatus.Pending, ct);
            int failed = await db.Outbox.CountAsync(m => m.Status == OutboxStatus.Failed, ct);
            Console.WriteLine($"  {db.ModuleName,-20} in attesa: {pending}  falliti: {failed}");
        }

        return 0;
    }

    private static async Task<int> RunJobAsync(IServiceProvider services, string name, CancellationToken ct)
    {
        var runner = services.GetRequiredService<JobRunner>();
        var registration = runner.Registrations.FirstOrDefault(r => r.Name == name);
        if (registration is null)
        {
            Console.Error.WriteLine($"Lavoro sconosciuto: {name}. Lavori: {string.Join(", ", runner.Registrations.Select(r => r.Name))}");
            return 2;
        }

        await runner.EnsureRegisteredAsync(ct);
        bool ran = await runner.TryRunAsync(registration, force: true, ct);
        Console.WriteLine(ran ? $"Lavoro {name} eseguito." : $"Lavoro {name} già in esecuzione su un altro nodo.");
        return 0;
    }
}
