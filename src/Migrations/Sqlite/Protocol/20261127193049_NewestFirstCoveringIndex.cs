using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PenToscana.Migrations.Sqlite.Protocol
{
    /// <inheritdoc />
    public partial class NewestFirstCoveringIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_protocol_entry_EnteId_RegisteredAt",
                table: "protocol_entry");

            migrationBuilder.CreateIndex(
                name: "IX_protocol_entry_EnteId_RegisteredAt_Number",
                table: "protocol_entry",
                columns: new[] { "EnteId", "RegisteredAt", "Number" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_protocol_entry_EnteId_RegisteredAt_Number",
                table: "protocol_entry");

            migrationBuilder.CreateIndex(
                name: "IX_protocol_entry_EnteId_RegisteredAt",
                table: "protocol_entry",
                columns: new[] { "EnteId", "RegisteredAt" });
        }
    }
}
