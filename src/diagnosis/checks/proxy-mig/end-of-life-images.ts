/** Boot image families past their end of life: the MIG can no longer create VMs from them reliably. */
const END_OF_LIFE_IMAGES: { family: RegExp; name: string; endOfLife: string }[] = [
  { family: /^centos-7\b/, name: 'CentOS 7', endOfLife: '2024-06-30' },
  { family: /^centos-8\b/, name: 'CentOS 8', endOfLife: '2021-12-31' },
  { family: /^centos-stream-8\b/, name: 'CentOS Stream 8', endOfLife: '2024-05-31' },
  { family: /^debian-9\b/, name: 'Debian 9', endOfLife: '2022-06-30' },
  { family: /^debian-10\b/, name: 'Debian 10', endOfLife: '2024-06-30' },
  { family: /^ubuntu-1604\b/, name: 'Ubuntu 16.04', endOfLife: '2021-04-30' },
  { family: /^ubuntu-1804\b/, name: 'Ubuntu 18.04', endOfLife: '2023-05-31' },
  { family: /^rhel-7\b/, name: 'RHEL 7', endOfLife: '2024-06-30' },
];

/** The listed family an image (or image family) name belongs to, with its end-of-life date. */
export function imageEndOfLife(image: string): (typeof END_OF_LIFE_IMAGES)[number] | undefined {
  return END_OF_LIFE_IMAGES.find((entry) => entry.family.test(image));
}
