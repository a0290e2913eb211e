using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PenToscana.Migrations.Sqlite.Invoicing
{
    /// <inheritdoc />
    public partial class RetriesTermsSigners : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "SignedAt",
                table: "invoicing_supplier_iban",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SignerCertificateFrom",
                table: "invoicing_supplier_iban",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SignerCertificateTo",
                table: "invoicing_supplier_iban",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SignerIssuer",
                table: "invoicing_supplier_iban",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SignerName",
                table: "invoicing_supplier_iban",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SignerTaxCode",
                table: "invoicing_supplier_iban",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "SignerUncheckedAcknowledged",
                table: "invoicing_supplier_iban",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "LegalRepresentativeTaxCode",
                table: "invoicing_supplier",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Attempts",
                table: "invoicing_sdisim_message",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "LastError",
                table: "invoicing_sdisim_message",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "NextAttemptAt",
                table: "invoicing_sdisim_message",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Operation",
                table: "invoicing_sdisim_message",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MessageId",
                table: "invoicing_exchange_event",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "invoicing_body_settings",
                columns: table => new
                {
                    EnteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PaymentTermDays = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_invoicing_body_settings", x => x.EnteId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_invoicing_sdisim_message_NextAttemptAt",
                table: "invoicing_sdisim_message",
                column: "NextAttemptAt");

            migrationBuilder.CreateIndex(
                name: "IX_invoicing_exchange_event_InvoiceId_MessageId",
                table: "invoicing_exchange_event",
                columns: new[] { "InvoiceId", "MessageId" });

            migrationBuilder.CreateIndex(
                name: "IX_invoicing_body_settings_EnteId",
                table: "invoicing_body_settings",
                column: "EnteId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "invoicing_body_settings");

            migrationBuilder.DropIndex(
                name: "IX_invoicing_sdisim_message_NextAttemptAt",
                table: "invoicing_sdisim_message");

            migrationBuilder.DropIndex(
                name: "IX_invoicing_exchange_event_InvoiceId_MessageId",
                table: "invoicing_exchange_event");

            migrationBuilder.DropColumn(
                name: "SignedAt",
                table: "invoicing_supplier_iban");

            migrationBuilder.DropColumn(
                name: "SignerCertificateFrom",
                table: "invoicing_supplier_iban");

            migrationBuilder.DropColumn(
                name: "SignerCertificateTo",
                table: "invoicing_supplier_iban");

            migrationBuilder.DropColumn(
                name: "SignerIssuer",
                table: "invoicing_supplier_iban");

            migrationBuilder.DropColumn(
                name: "SignerName",
                table: "invoicing_supplier_iban");

            migrationBuilder.DropColumn(
                name: "SignerTaxCode",
                table: "invoicing_supplier_iban");

            migrationBuilder.DropColumn(
                name: "SignerUncheckedAcknowledged",
                table: "invoicing_supplier_iban");

            migrationBuilder.DropColumn(
                name: "LegalRepresentativeTaxCode",
                table: "invoicing_supplier");

            migrationBuilder.DropColumn(
                name: "Attempts",
                table: "invoicing_sdisim_message");

            migrationBuilder.DropColumn(
                name: "LastError",
                table: "invoicing_sdisim_message");

            migrationBuilder.DropColumn(
                name: "NextAttemptAt",
                table: "invoicing_sdisim_message");

            migrationBuilder.DropColumn(
                name: "Operation",
                table: "invoicing_sdisim_message");

            migrationBuilder.DropColumn(
                name: "MessageId",
                table: "invoicing_exchange_event");
        }
    }
}
