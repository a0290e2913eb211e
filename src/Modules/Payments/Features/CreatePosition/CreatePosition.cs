using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Calendar;
using PenToscana.Kernel.Values;
using PenToscana.Modules.Payments.Data;
using PenToscana.Modules.Payments.Domain;
using PenToscana.Modules.Payments.Features.Bodies;

namespace PenToscana.Modules.Payments.Features.CreatePosition;

public sealed record DebtorInput(string? TaxCode, string? Name, string? Email = null);

public sealed record TransferInput(long AmountCents, string? BeneficiaryTaxCode = null, string? Iban = null, string? PostalAccount = null,
    string? RemittanceInformation = null, string? Category = null);

public sealed record InstalmentInput(long AmountCents, DateOnly DueDate, string? Description = null, IReadOnlyList<TransferInput>? Transfers = null);

public sealed record OptionInput(IReadOnlyList<InstalmentInput> Instalments, string? Description = null);

/// <summary>
/// A new debt position. The simplest form (amount and due date) is one single-payment option with one transfer to
/// the body's own account; the full form lists the options, their instalments and the transfers of each instalment.
/// </summary>
public sealed record CreatePositionRequest(
    DebtorInput? Debtor,
    string? Description,
    long? AmountCents = null,
    DateOnly? DueDate = null,
    IReadOnlyList<OptionInput>? Options = null,
    string? ServiceCode = null,
    string? Iupd = null,
    IReadOnlyList<string>? DelegatedPayers = null,
    DateOnly? ValidityDate = null,
    bool SwitchToExpired = false,
    string? SourceKey = null,
    bool Publish = true);

/// <summary>Creates (and by default publishes) a debt position, allocating an IUV and a notice number to each instalment.</summary>
internal sealed class CreatePositionHandler(PaymentsDb db, IuvAllocator allocator, TimeProvider time)
{
    public const int MaxTransfers = 5;

    public async Task<Result<DebtPosition>> HandleAsync(Body body, CreatePositionRequest request, CancellationToken ct, Guid? importJobId = null, bool save = true)
    {
        if (request.SourceKey is { Length: > 0 } key)
        {
            var existing = await LoadAsync(db.Positions.Where(p => p.EnteId == body.Id && p.SourceKey == key), ct);
            if (existing is not null)
            {
                return existing;
            }
        }

        var settings = await db.Settings.AsNoTracking().SingleOrDefaultAsync(s => s.EnteId == body.Id, ct);
        if (settings is null)
        {
            return new Error("payments.body_not_configured", $"{body.Name} non è ancora configurato per pagoPA.");
        }

        var service = request.ServiceCode is { Length: > 0 } code
            ? await db.Services.AsNoTracking().SingleOrDefaultAsync(s => s.EnteId == body.Id && s.Code == code, ct)
            : null;
        if (request.ServiceCode is { Length: > 0 } && service is null)
        {
            return new Error("payments.unknown_service", $"Il servizio «{request.ServiceCode}» non esiste per {body.Name}.");
        }

        var validated = Validate(body, settings, service, request, time.TodayInItaly());
        if (validated.IsFailure)
        {
            return validated.Error;
        }

        var options = validated.Value;
        if (request.Iupd is { Length: > 0 } iupdWanted && await db.Positions.AnyAsync(p => p.EnteId == body.Id && p.Iupd == iupdWanted, ct))
        {
            return new Error("payments.duplicate_iupd", $"Esiste già una posizione con identificativo (IUPD) «{iupdWanted}».");
        }

        var now = time.GetUtcNow();
        var notices = await allocator.NextAsync(body.Id, options.Sum(o => o.Instalments.Count), ct);
        var position = Build(body, request, options, service, notices, now, time.TodayInItaly(), importJobId);
        db.Positions.Add(position);
        if (save)
        {
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException) when (request.SourceKey is { Length: > 0 } sourceKey)
            {
                // The same source key created concurrently (a caller's inline attempt racing its own retry from the outbox):
                // the unique index kept one position, and that one is the answer to both. Its notice numbers stay unused.
                db.Entry(position).State = EntityState.Detached;
                foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList())
                {
                    entry.State = EntityState.Detached;
                }

                return await LoadAsync(db.Positions.Where(p => p.EnteId == body.Id && p.SourceKey == sourceKey), ct)
                    ?? throw new InvalidOperationException($"Debt position with source key {sourceKey} could not be saved.");
            }
        }

        return position;
    }

    /// <summary>
    /// Builds the position of a validated request with the notice numbers already allocated (one per instalment, in
    /// order); nothing is read or written here, so a bulk import can build thousands and save them in one go.
    /// </summary>
    internal static DebtPosition Build(Body body, CreatePositionRequest request, List<OptionInput> options, PaymentService? service,
        IReadOnlyList<NoticeNumber> notices, DateTimeOffset now, DateOnly today, Guid? importJobId)
    {
            var position = new DebtPosition
            {
                Id = Guid.CreateVersion7(now),
                EnteId = body.Id,
                Iupd = request.Iupd is { Length: > 0 } iupd ? iupd : $"{body.TaxCode}-{notices[0].Iuv}",
                DebtorKind = request.Debtor!.TaxCode!.Trim().Length == 16 ? DebtorKind.Person : DebtorKind.Company,
                DebtorTaxCode = request.Debtor.TaxCode.Trim().ToUpperInvariant(),
                DebtorName = request.Debtor.Name!.Trim(),
                DebtorEmail = request.Debtor.Email,
                ServiceCode = service?.Code ?? "GENERICO",
                Description = request.Description!.Trim(),
                SourceKey = request.SourceKey is { Length: > 0 } ? request.SourceKey : null,
                ImportJobId = importJobId,
                ValidityDate = request.ValidityDate,
                SwitchToExpired = request.SwitchToExpired,
                Status = PositionStatus.Draft,
                CreatedAt = now,
            };
            foreach (var payer in (request.DelegatedPayers ?? []).Select(p => p.Trim().ToUpperInvariant()).Where(p => p.Length > 0).Distinct())
            {
                position.DelegatedPayers.Add(new DelegatedPayer { Id = Guid.CreateVersion7(now), PositionId = position.Id, TaxCode = payer });
            }

            int n = 0;
            for (int o = 0; o < options.Count; o++)
            {
                var input = options[o];
                var option = new PaymentOption
                {
                    Id = Guid.CreateVersion7(now),
                    PositionId = position.Id,
                    Ordinal = o + 1,
                    IsInstalmentPlan = input.Instalments.Count > 1,
                    Description = input.Description ?? (input.Instalments.Count > 1 ? $"Pagamento in {input.Instalments.Count} rate" : "Pagamento in unica soluzione"),
                };
                for (int i = 0; i < input.Instalments.Count; i++)
                {
                    var inst = input.Instalments[i];
                    var notice = notices[n++];
                    var instalment = new Instalment
                    {
                        Id = Guid.CreateVersion7(now),
                        EnteId = body.Id,
                        PositionId = position.Id,
                        OptionId = option.Id,
                        Ordinal = i + 1,
                        Iuv = notice.Iuv,
                        NoticeNumber = notice.Value,
                        AmountCents = inst.AmountCents,
                        DueDate = inst.DueDate,
                        Description = inst.Description ?? (input.Instalments.Count > 1 ? $"{position.Description} - rata {i + 1}" : position.Description),
                        Status = InstalmentStatus.Unpaid,
                    };
                    int index = 1;
                    foreach (var t in inst.Transfers!)
                    {
                        instalment.Transfers.Add(new Transfer
                        {
                            Id = Guid.CreateVersion7(now),
                            InstalmentId = instalment.Id,
                            Index = index++,
                            AmountCents = t.AmountCents,
                            BeneficiaryTaxCode = t.BeneficiaryTaxCode!,
                            Iban = t.Iban,
                            PostalAccount = t.PostalAccount,
                            RemittanceInformation = Truncate(t.RemittanceInformation ?? position.Description, 140),
                            Category = t.Category!,
                        });
                    }

                    option.Instalments.Add(instalment);
                }

                position.Options.Add(option);
            }

            if (request.Publish)
            {
                position.Publish(now, today);
            }
        return position;
    }

    /// <summary>Checks the request and fills in defaults (one option, one transfer to the body's account).</summary>
    internal static Result<List<OptionInput>> Validate(Body body, BodyPaymentSettings settings, PaymentService? service, CreatePositionRequest request, DateOnly today)
    {
        if (request.Debtor is null || !TaxCode.TryParse(request.Debtor.TaxCode, out _))
        {
            return new Error("payments.debtor_tax_code", "Il codice fiscale o la partita IVA del debitore non è valido.");
        }

        if (string.IsNullOrWhiteSpace(request.Debtor.Name) || request.Debtor.Name.Trim().Length > 70)
        {
            return new Error("payments.debtor_name", "Indica il nome del debitore (al massimo 70 caratteri).");
        }

        if (string.IsNullOrWhiteSpace(request.Description) || request.Description.Trim().Length > 140)
        {
            return new Error("payments.description", "Indica la causale (al massimo 140 caratteri).");
        }

        if (request.Iupd is { Length: > 70 })
        {
            return new Error("payments.iupd", "L'identificativo della posizione (IUPD) ha al massimo 70 caratteri.");
        }

        List<OptionInput> options;
        if (request.Options is { Count: > 0 })
        {
            if (request.AmountCents is not null)
            {
                return new Error("payments.amount_and_options", "Indica l'importo oppure le opzioni di pagamento, non entrambi.");
            }

            options = request.Options.ToList();
        }
        else if (request.AmountCents is { } amount && request.DueDate is { } due)
        {
            options = [new OptionInput([new InstalmentInput(amount, due)])];
        }
        else
        {
            return new Error("payments.amount_missing", "Indica l'importo e la data di scadenza, oppure le opzioni di pagamento.");
        }

        if (options.Count > 100)
        {
            return new Error("payments.too_many_options", "Una posizione ha al massimo 100 opzioni di pagamento.");
        }

        if (request.ValidityDate is { } validity && validity < today)
        {
            return new Error("payments.validity_past", "La data di inizio validità non può essere nel passato.");
        }

        var filled = new List<OptionInput>(options.Count);
        for (int o = 0; o < options.Count; o++)
        {
            var option = options[o];
            if (option.Instalments is not { Count: > 0 and <= 100 })
            {
                return new Error("payments.instalments", $"L'opzione {o + 1} deve avere da 1 a 100 rate.");
            }

            var instalments = new List<InstalmentInput>(option.Instalments.Count);
            for (int i = 0; i < option.Instalments.Count; i++)
            {
                var inst = option.Instalments[i];
                string where = option.Instalments.Count > 1 ? $"la rata {i + 1} dell'opzione {o + 1}" : $"l'opzione {o + 1}";
                if (inst.AmountCents is < 1 or > 99_999_999_999)
                {
                    return new Error("payments.amount", $"L'importo per {where} deve essere tra 0,01 € e 999.999.999,99 €.");
                }

                if (inst.DueDate < today)
                {
                    return new Error("payments.due_past", $"La scadenza per {where} è nel passato.");
                }

                if (request.ValidityDate is { } from && inst.DueDate < from)
                {
                    return new Error("payments.due_before_validity", $"La scadenza per {where} precede la data di inizio validità.");
                }

                if (inst.Description is { Length: > 140 })
                {
                    return new Error("payments.description", $"La descrizione per {where} ha al massimo 140 caratteri.");
                }

                var transfers = inst.Transfers is { Count: > 0 }
                    ? inst.Transfers.ToList()
                    : [new TransferInput(inst.AmountCents)];
                if (transfers.Count > MaxTransfers)
                {
                    return new Error("payments.too_many_transfers", $"Per {where} sono indicati {transfers.Count} versamenti: al massimo {MaxTransfers}.");
                }

                if (transfers.Sum(t => t.AmountCents) != inst.AmountCents || transfers.Any(t => t.AmountCents < 1))
                {
                    return new Error("payments.transfers_sum", $"Per {where} la somma dei versamenti ({PaymentCodes.Euro(transfers.Sum(t => t.AmountCents))}) non è uguale all'importo ({PaymentCodes.Euro(inst.AmountCents)}).");
                }

                var completed = new List<TransferInput>(transfers.Count);
                foreach (var t in transfers)
                {
                    string beneficiary = string.IsNullOrWhiteSpace(t.BeneficiaryTaxCode) ? body.TaxCode : t.BeneficiaryTaxCode.Trim();
                    if (beneficiary.Length != 11 || !beneficiary.All(char.IsAsciiDigit))
                    {
                        return new Error("payments.beneficiary", $"Il codice fiscale dell'ente beneficiario «{beneficiary}» deve avere 11 cifre.");
                    }

                    bool own = beneficiary == body.TaxCode;
                    string? iban = t.Iban?.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
                    string? postal = t.PostalAccount?.Replace(" ", "", StringComparison.Ordinal);
                    if (iban is null && postal is null)
                    {
                        if (!own)
                        {
                            return new Error("payments.account", $"Indica l'IBAN o il conto postale dell'ente beneficiario {beneficiary}.");
                        }

                        iban = settings.Iban;
                        postal = settings.PostalAccount;
                    }

                    if (iban is not null && !IsIban(iban))
                    {
                        return new Error("payments.iban", $"L'IBAN «{iban}» non è valido.");
                    }

                    completed.Add(t with
                    {
                        BeneficiaryTaxCode = beneficiary,
                        Iban = iban,
                        PostalAccount = postal,
                        Category = string.IsNullOrWhiteSpace(t.Category) ? service?.Category ?? "9/0199999TS/" : t.Category,
                    });
                }

                instalments.Add(inst with { Transfers = completed });
            }

            filled.Add(option with { Instalments = instalments });
        }

        return filled;
    }

    /// <summary>ISO 13616 IBAN check (the kernel <see cref="Iban"/> value: country, length per country, mod-97).</summary>
    internal static bool IsIban(string iban) => Iban.IsValid(iban);

    internal async Task<DebtPosition?> LoadAsync(IQueryable<DebtPosition> query, CancellationToken ct)
        => await query.Include(p => p.DelegatedPayers).Include(p => p.Options.OrderBy(o => o.Ordinal)).ThenInclude(o => o.Instalments.OrderBy(i => i.Ordinal)).ThenInclude(i => i.Transfers.OrderBy(t => t.Index))
            .AsSplitQuery().FirstOrDefaultAsync(ct);

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
