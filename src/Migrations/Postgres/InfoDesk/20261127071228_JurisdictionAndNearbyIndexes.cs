using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PenToscana.Migrations.Postgres.InfoDesk
{
    /// <inheritdoc />
    public partial class JurisdictionAndNearbyIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_infodesk_report_FiledWithEnteId_CreatedAt",
                table: "infodesk_report");

            migrationBuilder.DropIndex(
                name: "IX_infodesk_report_FiledWithEnteId_CategoryCode_CreatedAt",
                table: "infodesk_report");

            migrationBuilder.DropIndex(
                name: "IX_infodesk_report_CategoryCode_Latitude_Longitude",
                table: "infodesk_report");

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_report_FiledElsewhere",
                table: "infodesk_report",
                columns: new[] { "FiledWithEnteId", "CreatedAt" },
                filter: "\"FiledWithEnteId\" <> \"EnteId\"");

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_report_OpenByCategory",
                table: "infodesk_report",
                columns: new[] { "EnteId", "CategoryCode", "CreatedAt" },
                filter: "\"State\" <> 5 AND \"State\" <> 6");

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_report_OpenNearby",
                table: "infodesk_report",
                columns: new[] { "CategoryCode", "Latitude", "Longitude" },
                filter: "\"State\" <> 5 AND \"State\" <> 6");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_infodesk_report_FiledWithEnteId_CreatedAt",
                table: "infodesk_report",
                columns: new[] { "FiledWithEnteId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_report_FiledWithEnteId_CategoryCode_CreatedAt",
                table: "infodesk_report",
                columns: new[] { "FiledWithEnteId", "CategoryCode", "CreatedAt" });

            migrationBuilder.DropIndex(
                name: "IX_infodesk_report_FiledElsewhere",
                table: "infodesk_report");

            migrationBuilder.DropIndex(
                name: "IX_infodesk_report_OpenByCategory",
                table: "infodesk_report");

            migrationBuilder.DropIndex(
                name: "IX_infodesk_report_OpenNearby",
                table: "infodesk_report");

            migrationBuilder.CreateIndex(
                name: "IX_infodesk_report_CategoryCode_Latitude_Longitude",
                table: "infodesk_report",
                columns: new[] { "CategoryCode", "Latitude", "Longitude" });
        }
    }
}
