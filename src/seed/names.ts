// Made-up buyers for the demo and for `seed --scale`: first and last names of the places the
// demo accounts sell in, most common first (pickers skew towards the start, so a few names
// are frequent and the rest form a long tail, as in real customer lists). E-mail domains are
// reserved ones (RFC 2606: example.com/net/org and the .example top-level domain), so nothing
// the product sends to a demo buyer can reach a real mailbox.

export type Region = 'br' | 'es' | 'mx' | 'ar' | 'us';

export const FIRST_NAMES: Record<Region, readonly string[]> = {
  br: [
    'Ana', 'João', 'Maria', 'Pedro', 'Juliana', 'Lucas', 'Fernanda', 'Gabriel', 'Camila', 'Rafael', 'Beatriz', 'Mateus', 'Larissa', 'Thiago', 'Letícia', 'Gustavo',
    'Mariana', 'Felipe', 'Aline', 'Bruno', 'Patrícia', 'Rodrigo', 'Vanessa', 'Diego', 'Bianca', 'Leonardo', 'Natália', 'Vinícius', 'Tatiane', 'André', 'Renata', 'Caio',
    'Sônia', 'Heitor', 'Luíza', 'Otávio', 'Débora', 'Érico', 'Iara', 'Wagner', 'Jéssica', 'Márcio', 'Priscila', 'Raí', 'Cíntia', 'Adriano', 'Yasmin', 'Célio',
  ],
  es: [
    'María', 'Javier', 'Lucía', 'Carlos', 'Carmen', 'Antonio', 'Laura', 'Manuel', 'Marta', 'David', 'Paula', 'José', 'Elena', 'Daniel', 'Sara', 'Alejandro',
    'Cristina', 'Pablo', 'Isabel', 'Sergio', 'Rocío', 'Álvaro', 'Nuria', 'Jorge', 'Pilar', 'Raúl', 'Begoña', 'Íñigo', 'Montserrat', 'Iker', 'Ainhoa', 'Xavier',
    'Irene', 'Gonzalo', 'Noelia', 'Rubén', 'Covadonga', 'Jaume', 'Leire', 'Fermín', 'Remedios', 'Joaquín', 'Araceli', 'Borja', 'Inmaculada', 'Ximena', 'Unai', 'Mónica',
  ],
  mx: [
    'José Luis', 'Guadalupe', 'Juan', 'María José', 'Luis', 'Fernanda', 'Miguel Ángel', 'Alejandra', 'Jesús', 'Daniela', 'Francisco', 'Ximena', 'Ricardo', 'Valeria',
    'Eduardo', 'Andrea', 'Arturo', 'Mariana', 'Héctor', 'Itzel', 'Octavio', 'Regina', 'Emiliano', 'Citlali', 'Rodrigo', 'Nayeli', 'Armando', 'Xóchitl', 'Salvador',
    'Yolanda', 'Cuauhtémoc', 'Paloma', 'Ignacio', 'Abril', 'Tonatiuh', 'Renata', 'Ulises', 'Dulce', 'Efraín', 'Maricruz',
  ],
  ar: [
    'Martín', 'Sofía', 'Santiago', 'Valentina', 'Matías', 'Camila', 'Nicolás', 'Florencia', 'Facundo', 'Agustina', 'Lautaro', 'Micaela', 'Gonzalo', 'Rocío', 'Tomás',
    'Julieta', 'Federico', 'Milagros', 'Ezequiel', 'Brenda', 'Leandro', 'Belén', 'Maximiliano', 'Antonella', 'Ignacio', 'Lucila', 'Emanuel', 'Candela', 'Joaquín', 'Yanina',
  ],
  us: [
    'James', 'Emily', 'Michael', 'Sarah', 'David', 'Jessica', 'Robert', 'Ashley', 'Chris', 'Olivia', 'Daniel', 'Megan', 'Kevin', 'Hannah', 'Brian', 'Zoe',
    'Tyler', 'Chloé', 'Nathan', 'Renée', 'Aaron', 'Siobhan', 'Connor', 'Naomi', 'Dmitri', 'Aiko', 'Björn', 'Noor', 'Mateo', 'Priya',
  ],
};

export const LAST_NAMES: Record<Region, readonly string[]> = {
  br: [
    'Silva', 'Santos', 'Oliveira', 'Souza', 'Rodrigues', 'Ferreira', 'Alves', 'Pereira', 'Lima', 'Gomes', 'Costa', 'Ribeiro', 'Martins', 'Carvalho', 'Almeida',
    'Lopes', 'Soares', 'Fernandes', 'Vieira', 'Barbosa', 'Rocha', 'Dias', 'Nascimento', 'Andrade', 'Moreira', 'Nunes', 'Marques', 'Machado', 'Mendes', 'Freitas',
    'Cardoso', 'Ramos', 'Gonçalves', 'Araújo', 'Teixeira', 'Magalhães', 'Assunção', 'Brandão', 'Conceição', 'Figueiredo', 'Guimarães', 'Falcão', 'Sampaio', 'Queiroz',
  ],
  es: [
    'García', 'Rodríguez', 'González', 'Fernández', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Martín', 'Jiménez', 'Ruiz', 'Hernández', 'Díaz', 'Moreno',
    'Muñoz', 'Álvarez', 'Romero', 'Alonso', 'Gutiérrez', 'Navarro', 'Torres', 'Domínguez', 'Vázquez', 'Ramos', 'Gil', 'Ramírez', 'Serrano', 'Blanco', 'Molina',
    'Castaño', 'Ortega', 'Íñiguez', 'Echeverría', 'Goikoetxea', 'Puigdemont', 'Vidal', 'Ibáñez', 'Peña', 'Cuesta', 'Ordóñez', 'Llorente', 'Zubizarreta', 'Arroyo',
  ],
  mx: [
    'Hernández', 'García', 'Martínez', 'López', 'González', 'Pérez', 'Rodríguez', 'Sánchez', 'Ramírez', 'Cruz', 'Flores', 'Gómez', 'Morales', 'Vázquez', 'Reyes',
    'Jiménez', 'Torres', 'Díaz', 'Gutiérrez', 'Ruiz', 'Mendoza', 'Aguilar', 'Ortiz', 'Moreno', 'Castillo', 'Romero', 'Álvarez', 'Méndez', 'Chávez', 'Rivera',
    'Juárez', 'Domínguez', 'Xicoténcatl', 'Cuevas', 'Zúñiga', 'Villaseñor', 'Ocampo', 'Peña', 'Quintero', 'Barrón',
  ],
  ar: [
    'González', 'Rodríguez', 'Gómez', 'Fernández', 'López', 'Díaz', 'Martínez', 'Pérez', 'García', 'Sánchez', 'Romero', 'Sosa', 'Álvarez', 'Torres', 'Ruiz',
    'Ramírez', 'Flores', 'Acosta', 'Benítez', 'Medina', 'Herrera', 'Aguirre', 'Pereyra', 'Giménez', 'Gutiérrez', 'Ferrari', 'Rossi', 'Bianchi', 'Schneider', 'Iturralde',
  ],
  us: [
    'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor', 'Thomas', 'Moore', 'Jackson', 'Martin', 'Lee',
    'Thompson', 'White', 'Harris', "O'Connor", 'Nguyen', 'Kowalski', 'Müller', 'Patel', 'Kim', 'Fitzgerald', 'Okafor', 'Lindqvist', 'Yamamoto', 'Dubois', 'Schwarz',
  ],
};

/** Reserved domains only (see above); the first ones are picked most often. */
export const EMAIL_DOMAINS: Record<Region, readonly string[]> = {
  br: ['email.example', 'correio.example', 'example.com', 'provedor.example', 'empresa.example', 'example.net'],
  es: ['correo.example', 'email.example', 'example.com', 'buzon.example', 'hogar.example', 'example.org'],
  mx: ['correo.example', 'email.example', 'example.com', 'example.net', 'negocio.example', 'example.org'],
  ar: ['correo.example', 'email.example', 'example.com', 'example.net', 'estudio.example'],
  us: ['mail.example', 'example.com', 'example.net', 'inbox.example', 'example.org', 'company.example'],
};

/** A name as an e-mail address writes it: lower case, accents, spaces and apostrophes dropped. */
export function plainName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/** An e-mail's local part from a name, in one of five common shapes. */
export function emailLocalPart(first: string, last: string, style: number, n: number): string {
  const f = plainName(first);
  const l = plainName(last);
  switch (style % 5) {
    case 0:
      return `${f}.${l}`;
    case 1:
      return `${f}${l}${n % 100}`;
    case 2:
      return `${f[0]}${l}`;
    case 3:
      return `${f}_${l}${1960 + (n % 45)}`;
    default:
      return `${l}.${f}${n % 10}`;
  }
}
