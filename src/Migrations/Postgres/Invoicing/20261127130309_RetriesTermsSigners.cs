using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PenToscana.Migrations.Postgres.Invoicing
{
    /// <inheritdoc />
    public partial class RetriesTermsSigners : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "SignedAt",
                table: "invoicing_supplier_iban",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "SignerCertificateFrom",
                table: "invoicing_supplier_iban",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "SignerCertificateTo",
                table: "invoicing_supplier_iban",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SignerIssuer",
                table: "invoicing_supplier_iban",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SignerName",
                table: "invoicing_supplier_iban",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SignerTaxCode",
                table: "invoicing_supplier_iban",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "SignerUncheckedAcknowledged",
                table: "invoicing_supplier_iban",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "LegalRepresentativeTaxCode",
                table: "invoicing_supplier",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Attempts",
                table: "invoicing_sdisim_message",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "LastError",
                table: "invoicing_sdisim_message",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "NextAttemptAt",
                table: "invoicing_sdisim_message",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Operation",
                table: "invoicing_sdisim_message",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MessageId",
                table: "invoicing_exchange_event",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "invoicing_body_settings",
                columns: table => new
                {
                    EnteId = table.Column<Guid>(type: "uuid", nullable: false),
                    PaymentTermDays = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true)
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
