#include <CLI/CLI.hpp>
#include <iostream>

int main(int argc, char** argv) {
  CLI::App app{"ticketlens"};
  CLI11_PARSE(app, argc, argv);
  return 0;
}
