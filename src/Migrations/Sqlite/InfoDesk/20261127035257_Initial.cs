using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PenToscana.Migrations.Sqlite.InfoDesk
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "infodesk_answer_template",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_infodesk_answer_template", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "infodesk_area",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IsTerritory = table.Column<bool>(type: "INTEGER", nullable: false),
                    GeoJson = table.Column<string>(type: "TEXT", nullable: false),
                    OfficeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_infodesk_area", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "infodesk_card",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Audience = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    WhereWhenHow = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Documents = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Costs = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Links = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Tags = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ValidTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ReviewBy = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Published = table.Column<bool>(type: "INTEGER", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    SearchText = table.Column<string>(type: "TEXT", maxLength: 30000, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_infodesk_card", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "infodesk_card_revision",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CardId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Snapshot = table.Column<string>(type: "TEXT", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_infodesk_card_revision", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "infodesk_category",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Group = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Keywords = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ResponseDays = table.Column<int>(type: "INTEGER", nullable: false),
                    DefaultOfficeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_infodesk_category", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "infodesk_export",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Filters = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Total = table.Column<int>(type: "INTEGER", nullable: false),
                    Done = table.Column<int>(type: "INTEGER", nullable: false),
                    BlobSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Length = table.Column<long>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_infodesk_export", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "infodesk_mail_message",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MessageId = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_infodesk_mail_message", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "infodesk_observer",
                columns: table => new
                {
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TaxCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Since = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_infodesk_observer", x => new { x.ReportId, x.TaxCode });
                });

            migrationBuilder.CreateTable(
                name: "infodesk_open311_key",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    KeyHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Bodies = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_infodesk_open311_key", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "infodesk_outbox",
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
                    table.PrimaryKey("PK_infodesk_outbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "infodesk_report",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FiledWithEnteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OfficeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Type = table.Column<int>(type: "INTEGER", nullable: false),
                    CategoryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CategoryCode = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    CategoryName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Latitude = table.Column<double>(type: "REAL", nullable: true),
                    Longitude = table.Column<double>(type: "REAL", nullable: true),
                    Address = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Channel = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    StateReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    IsPublic = table.Column<bool>(type: "INTEGER", nullable: false),
                    Moderation = table.Column<int>(type: "INTEGER", nullable: false),
                    Answers = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    ReporterTaxCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    ReporterName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ReporterEmail = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ReporterPhone = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ReporterAddress = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    ContactPreference = table.Column<int>(type: "INTEGER", nullable: false),
                    TrackingHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    RegisteredByTaxCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Supporters = table.Column<int>(type: "INTEGER", nullable: false),
                    ReopenCount = table.Column<int>(type: "INTEGER", nullable: false),
                    IncomingProtocol = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstAnsweredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RemindedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EscalatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AnonymisedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_infodesk_report", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "infodesk_rule",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Priority = table.Column<int>(type: "INTEGER", nullable: false),
                    CategoryCode = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Type = table.Column<int>(type: "INTEGER", nullable: true),
                    AreaId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TargetEnteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TargetOfficeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_infodesk_rule", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "infodesk_settings",
                columns: table => new
                {
                    EnteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AllowAnonymous = table.Column<bool>(type: "INTEGER", nullable: false),
                    NearbyRadiusMeters = table.Column<int>(type: "INTEGER", nullable: false),
                    ReopenDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_infodesk_settings", x => x.EnteId);
                });

            migrationBuilder.CreateTable(
                name: "infodesk_category_question",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CategoryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Datatype = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Required = table.Column<bool>(type: "INTEGER", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Values = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_infodesk_category_question", x => x.Id);
                    table.ForeignKey(
                        name: "FK_infodesk_category_question_infodesk_category_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "infodesk_category",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "infodesk_event",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    IsPublic = table.Column<bool>(type: "INTEGER", nullable: false),
                    ByTaxCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Protocol = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_infodesk_event", x => x.Id);
                    table.ForeignKey(
                        name: "FK_infodesk_event_infodesk_report_ReportId",
                        column: x => x.ReportId,
                        principalTable: "infodesk_report",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "infodesk_photo",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    MediaType = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Length = table.Column<long>(type: "INTEGER", nullable: false),
                    Width = table.Column<int>(type: "INTEGER", nullable: false),
                    Height = table.Column<int>(type: "INTEGER", nullable: false),
                    Latitude = table.Column<double>(type: "REAL", nullable: true),
                    Longitude = table.Column<double>(type: "REAL", nullable: true),
                    Approved = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_infodesk_photo", x => x.Id);
                    table.ForeignKey(
                        name: "FK_infodesk_photo_infodesk_report_ReportId",
                        column: x => x.ReportId,
                        principalTable: "infodesk_report",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_answer_template_EnteId",
                table: "infodesk_answer_template",
                column: "EnteId");

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_area_EnteId",
                table: "infodesk_area",
                column: "EnteId");

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_card_EnteId",
                table: "infodesk_card",
                column: "EnteId");

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_card_Published_ReviewBy",
                table: "infodesk_card",
                columns: new[] { "Published", "ReviewBy" });

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_card_revision_CardId_Number",
                table: "infodesk_card_revision",
                columns: new[] { "CardId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_category_EnteId",
                table: "infodesk_category",
                column: "EnteId");

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_category_EnteId_Code",
                table: "infodesk_category",
                columns: new[] { "EnteId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_category_question_CategoryId_Code",
                table: "infodesk_category_question",
                columns: new[] { "CategoryId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_event_ReportId_At",
                table: "infodesk_event",
                columns: new[] { "ReportId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_export_EnteId",
                table: "infodesk_export",
                column: "EnteId");

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_export_Status_CreatedAt",
                table: "infodesk_export",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_mail_message_EnteId",
                table: "infodesk_mail_message",
                column: "EnteId");

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_mail_message_EnteId_MessageId",
                table: "infodesk_mail_message",
                columns: new[] { "EnteId", "MessageId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_open311_key_KeyHash",
                table: "infodesk_open311_key",
                column: "KeyHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_outbox_Status_NextAttemptAt",
                table: "infodesk_outbox",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_photo_ReportId",
                table: "infodesk_photo",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_report_CategoryCode_Latitude_Longitude",
                table: "infodesk_report",
                columns: new[] { "CategoryCode", "Latitude", "Longitude" });

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_report_EnteId",
                table: "infodesk_report",
                column: "EnteId");

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_report_EnteId_CategoryCode_CreatedAt",
                table: "infodesk_report",
                columns: new[] { "EnteId", "CategoryCode", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_report_EnteId_CreatedAt",
                table: "infodesk_report",
                columns: new[] { "EnteId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_report_EnteId_State_CreatedAt",
                table: "infodesk_report",
                columns: new[] { "EnteId", "State", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_report_FiledWithEnteId_CategoryCode_CreatedAt",
                table: "infodesk_report",
                columns: new[] { "FiledWithEnteId", "CategoryCode", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_report_FiledWithEnteId_CreatedAt",
                table: "infodesk_report",
                columns: new[] { "FiledWithEnteId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_report_ReporterTaxCode",
                table: "infodesk_report",
                column: "ReporterTaxCode");

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_report_TrackingHash",
                table: "infodesk_report",
                column: "TrackingHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_rule_EnteId",
                table: "infodesk_rule",
                column: "EnteId");

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_settings_EnteId",
                table: "infodesk_settings",
                column: "EnteId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "infodesk_answer_template");

            migrationBuilder.DropTable(
                name: "infodesk_area");

            migrationBuilder.DropTable(
                name: "infodesk_card");

            migrationBuilder.DropTable(
                name: "infodesk_card_revision");

            migrationBuilder.DropTable(
                name: "infodesk_category_question");

            migrationBuilder.DropTable(
                name: "infodesk_event");

            migrationBuilder.DropTable(
                name: "infodesk_export");

            migrationBuilder.DropTable(
                name: "infodesk_mail_message");

            migrationBuilder.DropTable(
                name: "infodesk_observer");

            migrationBuilder.DropTable(
                name: "infodesk_open311_key");

            migrationBuilder.DropTable(
                name: "infodesk_outbox");

            migrationBuilder.DropTable(
                name: "infodesk_photo");

            migrationBuilder.DropTable(
                name: "infodesk_rule");

            migrationBuilder.DropTable(
                name: "infodesk_settings");

            migrationBuilder.DropTable(
                name: "infodesk_category");

            migrationBuilder.DropTable(
                name: "infodesk_report");
        }
    }
}
