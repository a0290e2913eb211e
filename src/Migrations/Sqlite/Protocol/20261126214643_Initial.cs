using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PenToscana.Migrations.Sqlite.Protocol
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "protocol_classification",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_protocol_classification", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "protocol_counter",
                columns: table => new
                {
                    RegisterId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    LastNumber = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_protocol_counter", x => new { x.RegisterId, x.Year });
                });

            migrationBuilder.CreateTable(
                name: "protocol_daily_register",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegisterId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnteIpa = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    AooCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EntryCount = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstNumber = table.Column<long>(type: "INTEGER", nullable: true),
                    LastNumber = table.Column<long>(type: "INTEGER", nullable: true),
                    PdfSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PdfLength = table.Column<long>(type: "INTEGER", nullable: false),
                    XmlSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    XmlLength = table.Column<long>(type: "INTEGER", nullable: false),
                    CsvSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CsvLength = table.Column<long>(type: "INTEGER", nullable: false),
                    ProducedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_protocol_daily_register", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "protocol_emergency_register",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegisterId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AooCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Cause = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    OpenedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ImportedCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_protocol_emergency_register", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "protocol_entry",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegisterId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnteIpa = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    AooCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<long>(type: "INTEGER", nullable: false),
                    RegisteredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Direction = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SenderReference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    AttachmentCount = table.Column<int>(type: "INTEGER", nullable: false),
                    SourceKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RegisteredBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    EmergencyRegisterId = table.Column<Guid>(type: "TEXT", nullable: true),
                    EmergencyNumber = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    EmergencyRecordedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Classification = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    DossierReference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    OfficeCodes = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    AnnulledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AnnulledBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    AnnulmentReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    AnnulmentAct = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_protocol_entry", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "protocol_outbox",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    EnteId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClaimToken = table.Column<Guid>(type: "TEXT", nullable: true),
                    LockedUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    DeliveredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_protocol_outbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "protocol_register",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnteIpa = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    AooId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AooCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_protocol_register", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "protocol_correspondent",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EntryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    TaxCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    IpaCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    DigitalAddress = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PostalAddress = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_protocol_correspondent", x => x.Id);
                    table.ForeignKey(
                        name: "FK_protocol_correspondent_protocol_entry_EntryId",
                        column: x => x.EntryId,
                        principalTable: "protocol_entry",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "protocol_document",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EntryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    MediaType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Length = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_protocol_document", x => x.Id);
                    table.ForeignKey(
                        name: "FK_protocol_document_protocol_entry_EntryId",
                        column: x => x.EntryId,
                        principalTable: "protocol_entry",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "protocol_entry_history",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EntryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_protocol_entry_history", x => x.Id);
                    table.ForeignKey(
                        name: "FK_protocol_entry_history_protocol_entry_EntryId",
                        column: x => x.EntryId,
                        principalTable: "protocol_entry",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_protocol_classification_EnteId",
                table: "protocol_classification",
                column: "EnteId");

            migrationBuilder.CreateIndex(
                name: "IX_protocol_classification_EnteId_Code",
                table: "protocol_classification",
                columns: new[] { "EnteId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_protocol_correspondent_EntryId_Position",
                table: "protocol_correspondent",
                columns: new[] { "EntryId", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_protocol_correspondent_TaxCode",
                table: "protocol_correspondent",
                column: "TaxCode");

            migrationBuilder.CreateIndex(
                name: "IX_protocol_daily_register_EnteId",
                table: "protocol_daily_register",
                column: "EnteId");

            migrationBuilder.CreateIndex(
                name: "IX_protocol_daily_register_RegisterId_Day",
                table: "protocol_daily_register",
                columns: new[] { "RegisterId", "Day" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_protocol_document_EntryId_Position",
                table: "protocol_document",
                columns: new[] { "EntryId", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_protocol_document_Sha256",
                table: "protocol_document",
                column: "Sha256");

            migrationBuilder.CreateIndex(
                name: "IX_protocol_emergency_register_EnteId",
                table: "protocol_emergency_register",
                column: "EnteId");

            migrationBuilder.CreateIndex(
                name: "IX_protocol_emergency_register_EnteId_Code",
                table: "protocol_emergency_register",
                columns: new[] { "EnteId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_protocol_entry_EnteId",
                table: "protocol_entry",
                column: "EnteId");

            migrationBuilder.CreateIndex(
                name: "IX_protocol_entry_EnteId_RegisteredAt",
                table: "protocol_entry",
                columns: new[] { "EnteId", "RegisteredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_protocol_entry_EnteId_SourceKey",
                table: "protocol_entry",
                columns: new[] { "EnteId", "SourceKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_protocol_entry_RegisterId_Year_Number",
                table: "protocol_entry",
                columns: new[] { "RegisterId", "Year", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_protocol_entry_history_EntryId_At",
                table: "protocol_entry_history",
                columns: new[] { "EntryId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_protocol_outbox_Status_NextAttemptAt",
                table: "protocol_outbox",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_protocol_register_AooId",
                table: "protocol_register",
                column: "AooId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_protocol_register_EnteId",
                table: "protocol_register",
                column: "EnteId");

            // Hand-written: the register is append-only at the database level too (add this call again whenever the migration is regenerated).
            foreach (var statement in PenToscana.Modules.Protocol.Data.RegisterGuards.Sqlite)
            {
                migrationBuilder.Sql(statement);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "protocol_classification");

            migrationBuilder.DropTable(
                name: "protocol_correspondent");

            migrationBuilder.DropTable(
                name: "protocol_counter");

            migrationBuilder.DropTable(
                name: "protocol_daily_register");

            migrationBuilder.DropTable(
                name: "protocol_document");

            migrationBuilder.DropTable(
                name: "protocol_emergency_register");

            migrationBuilder.DropTable(
                name: "protocol_entry_history");

            migrationBuilder.DropTable(
                name: "protocol_outbox");

            migrationBuilder.DropTable(
                name: "protocol_register");

            migrationBuilder.DropTable(
                name: "protocol_entry");
        }
    }
}
