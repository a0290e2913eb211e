using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PenToscana.Migrations.Postgres.Invoicing
{
    /// <inheritdoc />
    public partial class SdiExchange : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "invoicing_exchange_event",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EnteId = table.Column<Guid>(type: "uuid", nullable: false),
                    InvoiceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Label = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Detail = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    MessageSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    MessageName = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_invoicing_exchange_event", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "invoicing_issued_file_name",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    IdCodice = table.Column<string>(type: "character varying(28)", maxLength: 28, nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    FileName = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    AllocatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_invoicing_issued_file_name", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "invoicing_issued_invoice",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EnteId = table.Column<Guid>(type: "uuid", nullable: false),
                    EnteIpa = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    FileName = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Formato = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    CodiceDestinatario = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    PecDestinatario = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    CustomerName = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    CustomerVatId = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    CustomerTaxCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Numero = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DocumentDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    TaxableCents = table.Column<long>(type: "bigint", nullable: false),
                    VatCents = table.Column<long>(type: "bigint", nullable: false),
                    TotalCents = table.Column<long>(type: "bigint", nullable: false),
                    FileSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    IdentificativoSdI = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ProtocolNumber = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    ProtocolEntryId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_invoicing_issued_invoice", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "invoicing_sdisim_clock",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    OffsetSeconds = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_invoicing_sdisim_clock", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "invoicing_sdisim_file",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    IdentificativoSdI = table.Column<long>(type: "bigint", nullable: false),
                    NomeFile = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    FileSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CodiceDestinatario = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: true),
                    Formato = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: true),
                    Numero = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Anno = table.Column<int>(type: "integer", nullable: true),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DeliveryAttempts = table.Column<int>(type: "integer", nullable: false),
                    DeliveredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    OutcomeAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Esito = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: true),
                    LastError = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_invoicing_sdisim_file", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "invoicing_sdisim_message",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    IdentificativoSdI = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    Party = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Incoming = table.Column<bool>(type: "boolean", nullable: false),
                    NomeFile = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Delivered = table.Column<bool>(type: "boolean", nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_invoicing_sdisim_message", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_invoicing_exchange_event_EnteId",
                table: "invoicing_exchange_event",
                column: "EnteId");

            migrationBuilder.CreateIndex(
                name: "IX_invoicing_exchange_event_InvoiceId_At",
                table: "invoicing_exchange_event",
                columns: new[] { "InvoiceId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_invoicing_issued_file_name_FileName",
                table: "invoicing_issued_file_name",
                column: "FileName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_invoicing_issued_file_name_IdCodice_Sequence",
                table: "invoicing_issued_file_name",
                columns: new[] { "IdCodice", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_invoicing_issued_invoice_EnteId",
                table: "invoicing_issued_invoice",
                column: "EnteId");

            migrationBuilder.CreateIndex(
                name: "IX_invoicing_issued_invoice_EnteId_CreatedAt",
                table: "invoicing_issued_invoice",
                columns: new[] { "EnteId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_invoicing_issued_invoice_FileName",
                table: "invoicing_issued_invoice",
                column: "FileName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_invoicing_issued_invoice_IdentificativoSdI",
                table: "invoicing_issued_invoice",
                column: "IdentificativoSdI");

            migrationBuilder.CreateIndex(
                name: "IX_invoicing_sdisim_file_IdentificativoSdI",
                table: "invoicing_sdisim_file",
                column: "IdentificativoSdI",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_invoicing_sdisim_file_NomeFile",
                table: "invoicing_sdisim_file",
                column: "NomeFile");

            migrationBuilder.CreateIndex(
                name: "IX_invoicing_sdisim_file_State_ReceivedAt",
                table: "invoicing_sdisim_file",
                columns: new[] { "State", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_invoicing_sdisim_message_At",
                table: "invoicing_sdisim_message",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_invoicing_sdisim_message_IdentificativoSdI_At",
                table: "invoicing_sdisim_message",
                columns: new[] { "IdentificativoSdI", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "invoicing_exchange_event");

            migrationBuilder.DropTable(
                name: "invoicing_issued_file_name");

            migrationBuilder.DropTable(
                name: "invoicing_issued_invoice");

            migrationBuilder.DropTable(
                name: "invoicing_sdisim_clock");

            migrationBuilder.DropTable(
                name: "invoicing_sdisim_file");

            migrationBuilder.DropTable(
                name: "invoicing_sdisim_message");
        }
    }
}
